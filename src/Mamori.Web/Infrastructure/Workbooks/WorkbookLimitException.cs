namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>A bound of <see cref="WorkbookLimits"/> broken while a part was streamed; caught by the inspection and
/// turned into an import error, never shown as such.</summary>
internal sealed class WorkbookLimitException : Exception
{
    public enum Kind { Size, Tag, Markup }

    public WorkbookLimitException(Kind kind) : base(kind.ToString()) => Broken = kind;

    public WorkbookLimitException() : this(Kind.Size) { }

    public WorkbookLimitException(string message) : base(message) { }

    public WorkbookLimitException(string message, Exception innerException) : base(message, innerException) { }

    public Kind Broken { get; }
}
