namespace Mamori.Domain;

/// <summary>A file supporting an answer in a hearing (a rule, a signed pledge, a photo of signage).</summary>
public class DiagnosisEvidence
{
    public int Id { get; set; }
    public int DiagnosisId { get; set; }
    public required string ItemKey { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
    public int StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
}
