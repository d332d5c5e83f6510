namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>A cell holding a formula: its Excel row, zero-based column and reference ("F12").</summary>
internal readonly record struct FormulaCell(int Row, int Column, string Reference);
