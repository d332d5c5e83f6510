namespace Mamori.Domain;

public enum ApplicationChannel
{
    /// <summary>Web応募フォーム.</summary>
    PublicForm = 0,
    /// <summary>事務局入力.</summary>
    Coordinator = 1,
    /// <summary>一括取込.</summary>
    Import = 2,
}
