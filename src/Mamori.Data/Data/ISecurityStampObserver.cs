namespace Mamori.Data;

/// <summary>Told when an account's security stamp changed (sign-out, new password, role or link changed),
/// so sessions carrying the old stamp can be refused at once.</summary>
public interface ISecurityStampObserver
{
    void Changed(string userId);
}
