using Mamori.Web.Infrastructure.Workbooks;

namespace Mamori.Web.Pages.DataTransfer;

/// <summary>What a year import did: the problems that refused it, or how many records of each kind it wrote and the year it created.</summary>
public sealed record ImportResult(IReadOnlyList<ImportError> Errors, IReadOnlyDictionary<string, int> Counts, int? FiscalYearId)
{
    public bool Succeeded => Errors.Count == 0;
}
