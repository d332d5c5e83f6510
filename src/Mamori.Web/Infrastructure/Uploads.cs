using System.Security.Cryptography;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>What may be uploaded as a deliverable: size limit, allowed types checked by extension AND
/// content signature (a renamed HTML file is refused), and the content hash.</summary>
public static class Uploads
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    /// <summary>Request limit: one file plus the form around it.</summary>
    public const long MaxRequestBytes = MaxFileBytes + 1024 * 1024;

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Extension → (content type, signature).</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Signature)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
        [".ppt"] = ("application/vnd.ms-powerpoint", Ole),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
    };

    public static string AllowedList => string.Join(", ", Allowed.Keys);

    /// <summary>The content type of an allowed extension (files are checked on upload, so this is what they are).</summary>
    public static string ContentTypeFor(string extension) =>
        Allowed.TryGetValue(extension, out var kind) ? kind.ContentType : "application/octet-stream";

    public sealed record Checked(string FileName, string ContentType, byte[] Content, string Sha256);

    /// <summary>Returns the checked file, or an error message (in the user's language) naming what is wrong.</summary>
    public static async Task<(Checked? File, string? Error)> CheckAsync(IFormFile? file, IStringLocalizer t, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0)
        {
            return (null, t["ファイルを選択してください。"]);
        }
        if (file.Length > MaxFileBytes)
        {
            return (null, t["ファイルが大きすぎます（上限 {0} MB）。", MaxFileBytes / 1024 / 1024]);
        }
        var name = SafeFileName(file.FileName);
        var extension = Path.GetExtension(name);
        if (!Allowed.TryGetValue(extension, out var kind))
        {
            return (null, t["この種類のファイルはアップロードできません（使える形式: {0}）。", AllowedList]);
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        if (!content.AsSpan().StartsWith(kind.Signature))
        {
            return (null, t["ファイルの中身が拡張子（{0}）と一致しません。", extension]);
        }
        var hash = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        return (new Checked(name, kind.ContentType, content, hash), null);
    }

    /// <summary>The last path segment, without control characters, at most 120 characters; never empty.</summary>
    public static string SafeFileName(string? raw)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim().TrimStart('.');
        if (name.Length > 120)
        {
            var ext = Path.GetExtension(name);
            name = name[..(120 - ext.Length)] + ext;
        }
        return name.Length == 0 ? "file" : name;
    }
}
