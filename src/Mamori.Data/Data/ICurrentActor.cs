namespace Mamori.Data;

/// <summary>Who is acting: the signed-in user of a request, or the system during start-up and seeding.</summary>
public interface ICurrentActor
{
    string? UserId { get; }
    string UserName { get; }
    string IpAddress { get; }
}
