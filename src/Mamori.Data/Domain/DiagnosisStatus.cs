namespace Mamori.Domain;

public enum DiagnosisStatus
{
    /// <summary>回答中.</summary>
    InProgress = 0,
    /// <summary>完了.</summary>
    Completed = 1,
}
