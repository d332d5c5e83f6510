using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mamori.Web;
using Mamori.Web.Infrastructure;
using Mamori.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Mamori.Tests;

/// <summary>Japanese is the key; every key the UI uses must have an English text, or the English UI
/// would silently show Japanese.</summary>
public partial class LocalizationTests
{
    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    /// <summary>Where a key is written: T["…"] / t["…"] (views, page models, helpers), validation and display
    /// attributes, the format of a DomainException (localized by DomainMessages), and the format of an import error
    /// (localized by ImportErrorMessages): the third argument of a sheet reader's Error(row, column, "…", args) and
    /// the fourth of new ImportError(sheet, row, column, "…", args). scripts/i18n.py uses the same.</summary>
    [GeneratedRegex("""(?<!\w)[tT]\[\s*"((?:[^"\\]|\\.)*)"|ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"|Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"|new\s+DomainException\(\s*"((?:[^"\\]|\\.)*)"|(?<!\w)Error\(\s*[^,()]+,\s*[^,()]+,\s*"((?:[^"\\]|\\.)*)"|new\s+ImportError\(\s*[^,()]+,\s*[^,()]+,\s*[^,()]+,\s*"((?:[^"\\]|\\.)*)"|new\s+RuleMessage\(\s*"((?:[^"\\]|\\.)*)"|new\s+AnswerError\(\s*[^,()]+,\s*"((?:[^"\\]|\\.)*)""")]
    private static partial Regex KeyPattern();

    /// <summary>A call that shows a message: AddModelError(…) or TempData[…] = …, up to the end of the statement.</summary>
    [GeneratedRegex("""AddModelError\s*\([^;]*;|TempData\s*\[[^\]]*\]\s*=(?!=)[^;]*;""")]
    private static partial Regex MessageStatement();

    /// <summary>A C# string literal, plain, verbatim or interpolated.</summary>
    [GeneratedRegex(@"(?:\$@|@\$|\$|@)?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    /// <summary>The localizer indexer a key literal may follow.</summary>
    [GeneratedRegex("""(?<!\w)[tT]\[\s*$""")]
    private static partial Regex LocalizerBefore();

    /// <summary>Files whose messages their owners are converting right now; take them off as they are done.</summary>
    private static readonly string[] PendingConversion = [];

    private static IEnumerable<string> SourceFiles(string project, params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root(), project), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal))
                        && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

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
        foreach (var file in SourceFiles("src/Mamori.Web", ".cshtml", ".cs").Concat(SourceFiles("src/Mamori.Data", ".cs")))
        {
            foreach (Match m in KeyPattern().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups.Values.Skip(1).First(g => g.Success).Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                if (Japanese().IsMatch(key) && !english.Contains(key))
                {
                    missing.Add($"{key}  ({Path.GetFileName(file)})");
                }
            }
        }
        Assert.True(missing.Count == 0, "Missing English (run scripts/i18n.py missing):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Messages_shown_by_page_models_go_through_the_localizer()
    {
        var literals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles("src/Mamori.Web", ".cs"))
        {
            var relative = Path.GetRelativePath(Root(), file).Replace('\\', '/');
            if (PendingConversion.Any(p => relative.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (Match statement in MessageStatement().Matches(File.ReadAllText(file)))
            {
                foreach (Match literal in StringLiteral().Matches(statement.Value))
                {
                    if (Japanese().IsMatch(literal.Value) && !LocalizerBefore().IsMatch(statement.Value[..literal.Index]))
                    {
                        literals.Add($"{relative}: {literal.Value}");
                    }
                }
            }
        }
        Assert.True(literals.Count == 0, "Japanese text shown without the localizer (use t[\"…{0}…\", args]):\n" + string.Join("\n", literals));
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

/// <summary>The cached localizer the app registers: per-culture answers, the stock formatting, and a bound on
/// what "not found" answers it keeps.</summary>
public class CachedLocalizerTests
{
    private static ServiceProvider Services() => new ServiceCollection().AddLogging().AddMamoriLocalization().BuildServiceProvider();

    private static IStringLocalizer<SharedResource> Localizer() => Services().GetRequiredService<IStringLocalizer<SharedResource>>();

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void Each_culture_gets_its_own_text_however_often_it_is_asked()
    {
        var t = Localizer();
        Assert.IsType<CachedStringLocalizerFactory>(Services().GetRequiredService<IStringLocalizerFactory>());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ホーム", InCulture("ja", () => t["ホーム"].Value));
            Assert.Equal("Home", InCulture("en", () => t["ホーム"].Value));
        }
        Assert.True(InCulture("ja", () => t["ホーム"].ResourceNotFound));
        Assert.False(InCulture("en", () => t["ホーム"].ResourceNotFound));
    }

    [Fact]
    public void Formatted_texts_use_the_translation_and_the_arguments()
    {
        var t = Localizer();
        Assert.Equal("全3件中 1～2件", InCulture("ja", () => t["全{0}件中 {1}～{2}件", 3, 1, 2].Value));
        Assert.DoesNotContain("件", InCulture("en", () => t["全{0}件中 {1}～{2}件", 3, 1, 2].Value), StringComparison.Ordinal);
        Assert.Contains("3", InCulture("en", () => t["全{0}件中 {1}～{2}件", 3, 1, 2].Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_beyond_the_bound_are_answered_but_not_kept()
    {
        var inner = new CountingLocalizer();
        var t = new CachedStringLocalizer(inner);
        for (var i = 0; i < CachedStringLocalizer.MaxEntries + 10; i++)
        {
            Assert.Equal("k" + i, t["k" + i].Value);
        }
        var before = inner.Calls;
        Assert.Equal("k0", t["k0"].Value);
        Assert.Equal(before, inner.Calls);
        var last = "k" + (CachedStringLocalizer.MaxEntries + 5);
        Assert.Equal(last, t[last].Value);
        Assert.Equal(before + 1, inner.Calls);
    }

    private sealed class CountingLocalizer : IStringLocalizer
    {
        public int Calls { get; private set; }
        public LocalizedString this[string name] { get { Calls++; return new LocalizedString(name, name, resourceNotFound: true); } }
        public LocalizedString this[string name, params object[] arguments] => this[name];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
