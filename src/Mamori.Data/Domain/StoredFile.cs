namespace Mamori.Domain;

/// <summary>File content kept in the database so one backup holds everything.</summary>
public class StoredFile
{
    public int Id { get; set; }
    [NotAudited]
    public required byte[] Content { get; set; }
}
