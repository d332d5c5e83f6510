using System.Text;

namespace Mamori.Web.Data;

/// <summary>A small RFC 4180 reader for the reference data under content/ (quoted fields, doubled quotes, CRLF or LF).</summary>
public static class Csv
{
    public static List<Dictionary<string, string>> ReadFile(string path)
    {
        var rows = Parse(File.ReadAllText(path, Encoding.UTF8));
        if (rows.Count == 0)
        {
            return [];
        }
        var header = rows[0];
        var result = new List<Dictionary<string, string>>(rows.Count - 1);
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }
            if (row.Count != header.Count)
            {
                throw new FormatException($"{Path.GetFileName(path)} line {i + 1}: {row.Count} fields, header has {header.Count}.");
            }
            var dict = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                dict[header[c]] = row[c];
            }
            result.Add(dict);
        }
        return result;
    }

    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                case '\uFEFF' when i == 0:
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
