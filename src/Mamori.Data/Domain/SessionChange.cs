namespace Mamori.Domain;

/// <summary>What happened to a session, for <see cref="Engagement.Record"/>.</summary>
public enum SessionChange
{
    Logged = 0,
    Changed = 1,
    Removed = 2,
}
