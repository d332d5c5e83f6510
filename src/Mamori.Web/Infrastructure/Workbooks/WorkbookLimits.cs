namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>What an uploaded workbook may hold, checked while the file is streamed through once, before any reader
/// allocates for its content (issue #19: a 218 KB file holding one 199 MB cell grew the process to 2.2 GB). The
/// bounds leave room above the largest year workbook measured, far larger than a real program year (9,600
/// companies, 38,400 sessions: 6.9 MB, 56 MB uncompressed, 1.0 million cells; docs/benchmarks.md).</summary>
public static class WorkbookLimits
{
    /// <summary>Parts (files) inside the ZIP archive; Excel writes a few dozen.</summary>
    public const int MaxParts = 1_000;

    /// <summary>The uncompressed size of all parts together, as declared by the archive and as actually inflated.</summary>
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;

    /// <summary>Cells in all sheets together.</summary>
    public const int MaxCells = 4_000_000;

    /// <summary>Characters in one cell: Excel's own limit.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Bytes in one XML tag with its attributes; Excel's longest are a few hundred.</summary>
    public const int MaxTagBytes = 64 * 1024;
}
