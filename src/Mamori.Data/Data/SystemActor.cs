namespace Mamori.Data;

public sealed class SystemActor : ICurrentActor
{
    public static readonly SystemActor Instance = new();
    public string? UserId => null;
    public string UserName => "system";
    public string IpAddress => "";
}
