namespace Mamori.Domain;

public enum BaseType
{
    /// <summary>現地法人.</summary>
    LocalCorporation = 0,
    /// <summary>工場.</summary>
    Factory = 1,
    /// <summary>駐在員事務所.</summary>
    RepresentativeOffice = 2,
    /// <summary>進出予定.</summary>
    Planned = 3,
}
