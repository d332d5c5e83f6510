namespace Mamori.Domain;

public enum SessionMode
{
    /// <summary>オンライン.</summary>
    Online = 0,
    /// <summary>現地訪問.</summary>
    OnSite = 1,
}
