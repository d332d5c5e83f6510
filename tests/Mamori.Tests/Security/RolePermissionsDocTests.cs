using Mamori.Web.Security;

namespace Mamori.Tests.Security;

/// <summary>docs/roles.md shows the role → permission table; it must say what the code does.</summary>
public class RolePermissionsDocTests
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    [Fact]
    public void The_permissions_table_in_docs_matches_the_code()
    {
        var text = File.ReadAllText(Path.Combine(Root(), "docs", "roles.md"));
        var start = text.IndexOf("<!-- permissions-table:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- permissions-table:end -->", StringComparison.Ordinal);
        var rows = text[start..end].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| permission", StringComparison.Ordinal)).ToList();
        var documented = new Dictionary<string, bool[]>();
        foreach (var row in rows)
        {
            var cells = row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            documented[cells[0]] = [.. cells.Skip(1).Select(c => c == "✓")];
        }
        Assert.Equal(Permissions.All.Order(), documented.Keys.Order());
        foreach (var permission in Permissions.All)
        {
            for (var i = 0; i < Roles.All.Count; i++)
            {
                Assert.True(documented[permission][i] == RolePermissions.RoleHas(Roles.All[i], permission),
                    $"{permission} / {Roles.All[i]}: docs say {documented[permission][i]}, code says {RolePermissions.RoleHas(Roles.All[i], permission)}");
            }
        }
    }
}
