namespace Mamori.Domain;

/// <summary>One uploaded version of a deliverable; the bytes live in <see cref="StoredFile"/>.</summary>
public class DeliverableVersion
{
    public int Id { get; set; }
    public int DeliverableId { get; set; }
    public int Number { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public string Note { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedByUserId { get; set; }
    public string UploadedByName { get; set; } = "";
    public int StoredFileId { get; set; }

    public Deliverable? Deliverable { get; set; }
    public StoredFile? StoredFile { get; set; }
}
