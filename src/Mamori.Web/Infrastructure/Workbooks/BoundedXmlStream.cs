namespace Mamori.Web.Infrastructure.Workbooks;

/// <summary>A read-only view of one inflated archive part that fails as soon as the part breaks a bound that an XML
/// reader would otherwise buffer in memory: more bytes than the shared budget, a tag longer than
/// <see cref="WorkbookLimits.MaxTagBytes"/>, or markup the reader buffers whole (a DTD, comment, CDATA section or
/// processing instruction other than the XML declaration; no spreadsheet writer puts them in a part). Text between
/// tags is not bounded here: the XML reader streams it, and the inspection counts it per cell.</summary>
internal sealed class BoundedXmlStream(Stream inner, WorkbookBudget budget) : Stream
{
    private enum State { Text, TagStart, Tag, Quoted }

    private State state = State.Text;
    private byte quote;
    private int tagBytes;
    private long offset;
    private long tagAt;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => offset; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        budget.Take(read);
        Check(buffer[..read]);
        return read;
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            switch (state)
            {
                case State.Text:
                    if (b == (byte)'<')
                    {
                        state = State.TagStart;
                        tagBytes = 1;
                        tagAt = offset;
                    }
                    break;
                case State.TagStart:
                    // "<?xml ...?>" opens a part (after a UTF-8 byte order mark at most); any other "<?" or "<!" is
                    // markup a reader keeps whole.
                    if (b == (byte)'!' || b == (byte)'?' && tagAt is not (0 or 3))
                    {
                        throw new WorkbookLimitException(WorkbookLimitException.Kind.Markup);
                    }
                    state = State.Tag;
                    Tag(b);
                    break;
                case State.Tag:
                    Tag(b);
                    break;
                case State.Quoted:
                    Count();
                    if (b == quote)
                    {
                        state = State.Tag;
                    }
                    break;
            }
            offset++;
        }
    }

    private void Tag(byte b)
    {
        Count();
        if (b == (byte)'>')
        {
            state = State.Text;
        }
        else if (b is (byte)'"' or (byte)'\'')
        {
            quote = b;
            state = State.Quoted;
        }
    }

    private void Count()
    {
        if (++tagBytes > WorkbookLimits.MaxTagBytes)
        {
            throw new WorkbookLimitException(WorkbookLimitException.Kind.Tag);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
