namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>The uncompressed bytes one upload may still inflate, shared by all its parts: counted on the bytes really
/// produced, because an archive's declared sizes can lie.</summary>
internal sealed class WorkbookBudget(long bytes)
{
    public long Remaining { get; private set; } = bytes;

    public void Take(int count)
    {
        Remaining -= count;
        if (Remaining < 0)
        {
            throw new WorkbookLimitException(WorkbookLimitException.Kind.Size);
        }
    }
}
