using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mamori.Web.Security;

namespace Mamori.Tests;

/// <summary>Japanese is the key; every key the UI uses must have an English text, or the English UI
/// would silently show Japanese.</summary>
public partial class LocalizationTests
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [GeneratedRegex("""T\["((?:[^"\\]|\\.)*)"|ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"|Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")]
    private static partial Regex Japanese();

    private static HashSet<string> EnglishKeys() =>
        [.. XDocument.Load(Path.Combine(Root(), "src/Mamori.Web/Resources/SharedResource.en.resx")).Root!
            .Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => d.Attribute("name")!.Value)];

    [Fact]
    public void Every_japanese_text_in_the_ui_has_an_english_translation()
    {
        var english = EnglishKeys();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "src/Mamori.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match m in KeyPattern().Matches(File.ReadAllText(file)))
            {
                var key = (m.Groups[1].Success ? m.Groups[1] : m.Groups[2].Success ? m.Groups[2] : m.Groups[3]).Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                if (Japanese().IsMatch(key) && !english.Contains(key))
                {
                    missing.Add($"{key}  ({Path.GetFileName(file)})");
                }
            }
        }
        Assert.True(missing.Count == 0, "Missing English (run scripts/i18n.py missing):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Role_names_have_english_translations()
    {
        var english = EnglishKeys();
        Assert.All(Roles.All, role => Assert.Contains(Roles.NameJa(role), english));
    }
}

public class EnumNameTests
{
    [Fact]
    public void Every_enum_name_shown_in_the_ui_has_english()
    {
        var english = typeof(LocalizationTests).GetMethod("EnglishKeys", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, null) as HashSet<string>;
        var names = Enum.GetValues<Mamori.Domain.SizeBand>().Select(Mamori.Web.Infrastructure.Names.Of)
            .Concat(Enum.GetValues<Mamori.Domain.BaseType>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.ApplicationStatus>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.EngagementStatus>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.SessionType>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.SessionMode>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.ApplicationChannel>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.InformationCategory>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.InformationMedium>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Enum.GetValues<Mamori.Domain.DeliverableKind>().Select(Mamori.Web.Infrastructure.Names.Of))
            .Concat(Mamori.Web.Infrastructure.Names.MenuItems.Select(m => m.Ja))
            .Concat(Mamori.Web.Infrastructure.Names.MenuItems.Select(m => Mamori.Web.Infrastructure.Names.MenuLabel(m.Flag)));
        Assert.All(names, n => Assert.Contains(n, english!));
    }
}
