using System.ComponentModel.DataAnnotations;
using Mamori.Data;
using Mamori.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>One row of the 保有情報リスト as a form posts it.</summary>
public sealed class InformationAssetInput
{
    [StringLength(200, ErrorMessage = "情報の名称は200文字以内で入力してください。")]
    public string? Name { get; set; }

    public InformationCategory Category { get; set; }

    public InformationMedium Medium { get; set; }

    [StringLength(200, ErrorMessage = "保管場所は200文字以内で入力してください。")]
    public string? StorageLocation { get; set; }

    [StringLength(200, ErrorMessage = "アクセスできる人は200文字以内で入力してください。")]
    public string? AccessibleBy { get; set; }

    public bool IsMarked { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(StorageLocation) && string.IsNullOrWhiteSpace(AccessibleBy);

    public static List<InformationAssetInput> From(IEnumerable<InformationAsset> assets) =>
        [.. assets.OrderBy(a => a.Order).Select(a => new InformationAssetInput
        {
            Name = a.Name, Category = a.Category, Medium = a.Medium, StorageLocation = a.StorageLocation, AccessibleBy = a.AccessibleBy, IsMarked = a.IsMarked,
        })];
}

/// <summary>What the applicant asks for and agrees to; shared by the public form and the coordinator's entry form.</summary>
public sealed class RequestInput
{
    [Display(Name = "希望する支援")]
    public List<SupportMenu> Menu { get; set; } = [];

    [Display(Name = "相談したいこと・懸念")]
    [StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? Concerns { get; set; }

    public List<InformationAssetInput> Assets { get; set; } = [];

    public bool ConsentDataHandling { get; set; }
    public bool ConsentSurvey { get; set; }
    public bool ConsentCasePublication { get; set; }
    public bool ConsentSeminarSpeaking { get; set; }

    public const int BlankAssetRows = 3;

    public void PadAssets()
    {
        while (Assets.Count(a => a.IsBlank) < BlankAssetRows)
        {
            Assets.Add(new InformationAssetInput());
        }
    }

    /// <summary>Checks what attributes cannot: a menu, known enum values, the data-handling consent, at least one asset.</summary>
    public void Validate(ModelStateDictionary modelState, IStringLocalizer t, string prefix, bool requireAssets)
    {
        if (Menu.Count == 0)
        {
            modelState.AddModelError(prefix + ".Menu", t["希望する支援を1つ以上選んでください。"]);
        }
        if (Menu.Any(m => !Names.MenuItems.Any(i => i.Flag == m)))
        {
            modelState.AddModelError(prefix + ".Menu", t["希望する支援を一覧から選んでください。"]);
        }
        if (!ConsentDataHandling)
        {
            modelState.AddModelError(prefix + ".ConsentDataHandling", t["個人情報・企業情報の取扱いへの同意が必要です。"]);
        }
        for (var i = 0; i < Assets.Count; i++)
        {
            var a = Assets[i];
            if (a.IsBlank)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(a.Name))
            {
                modelState.AddModelError($"{prefix}.Assets[{i}].Name", t["保有情報リスト {0} 行目: 情報の名称を入力してください。", i + 1]);
            }
            if (!Enum.IsDefined(a.Category) || !Enum.IsDefined(a.Medium))
            {
                modelState.AddModelError($"{prefix}.Assets[{i}].Category", t["保有情報リスト {0} 行目: 区分と媒体を一覧から選んでください。", i + 1]);
            }
        }
        if (requireAssets && Assets.All(a => a.IsBlank))
        {
            modelState.AddModelError(prefix + ".Assets", t["保有情報リストに少なくとも1行入力してください（例: 製品図面、顧客リスト）。"]);
        }
    }

    public SupportMenu MenuFlags => Menu.Aggregate(SupportMenu.None, (acc, m) => acc | m);

    public static List<SupportMenu> MenuList(SupportMenu flags) => [.. Names.MenuItems.Select(i => i.Flag).Where(f => flags.HasFlag(f))];

    public void ApplyTo(Application application)
    {
        application.Menu = MenuFlags;
        application.Concerns = Concerns?.Trim() ?? "";
        application.ConsentDataHandling = ConsentDataHandling;
        application.ConsentSurvey = ConsentSurvey;
        application.ConsentCasePublication = ConsentCasePublication;
        application.ConsentSeminarSpeaking = ConsentSeminarSpeaking;
        application.InformationAssets.Clear();
        var order = 0;
        foreach (var a in Assets.Where(a => !a.IsBlank))
        {
            application.InformationAssets.Add(new InformationAsset
            {
                Order = ++order, Name = a.Name!.Trim(), Category = a.Category, Medium = a.Medium,
                StorageLocation = a.StorageLocation?.Trim() ?? "", AccessibleBy = a.AccessibleBy?.Trim() ?? "", IsMarked = a.IsMarked,
            });
        }
    }

    public static RequestInput From(Application a) => new()
    {
        Menu = MenuList(a.Menu), Concerns = a.Concerns, Assets = InformationAssetInput.From(a.InformationAssets),
        ConsentDataHandling = a.ConsentDataHandling, ConsentSurvey = a.ConsentSurvey,
        ConsentCasePublication = a.ConsentCasePublication, ConsentSeminarSpeaking = a.ConsentSeminarSpeaking,
    };
}

/// <summary>Numbers and duplicate checks for applications and engagements (a plain handler shared by the
/// public form, the coordinator's forms and the import).</summary>
public sealed class ApplicationIntake(AppDbContext db)
{
    /// <summary>States in which an application still counts (a declined or withdrawn one does not block a new one).</summary>
    public static readonly ApplicationStatus[] Live =
        [ApplicationStatus.Received, ApplicationStatus.Screening, ApplicationStatus.Waitlisted, ApplicationStatus.Accepted];

    /// <summary>An earlier live application of the same company (same name key) for the same country and year.</summary>
    public async Task<Application?> FindDuplicateAsync(int fiscalYearId, string countryCode, int companyId, string nameKey, int? exceptId = null)
    {
        return await db.Applications.AsNoTracking()
            .Where(a => a.FiscalYearId == fiscalYearId && a.CountryCode == countryCode && Live.Contains(a.Status) && a.Id != (exceptId ?? 0)
                        && (a.CompanyId == companyId || a.Company!.NameKey == nameKey))
            .OrderBy(a => a.ReceivedAt)
            .FirstOrDefaultAsync();
    }

    public async Task<string> NextApplicationNumberAsync(FiscalYear year)
    {
        var prefix = year.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-";
        var numbers = await db.Applications.Where(a => a.FiscalYearId == year.Id).Select(a => a.Number).ToListAsync();
        var max = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return Application.FormatNumber(year.StartYear, max + 1);
    }

    public async Task<string> NextEngagementNumberAsync(FiscalYear year, string countryCode)
    {
        var prefix = $"{year.StartYear}-{countryCode}-";
        var numbers = await db.Engagements.Where(e => e.FiscalYearId == year.Id && e.CountryCode == countryCode).Select(e => e.Number).ToListAsync();
        var max = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return Engagement.FormatNumber(year.StartYear, countryCode, max + 1);
    }

    /// <summary>Saves, retrying a few times when a concurrent request took the same generated number
    /// (the unique index is the arbiter). <paramref name="renumber"/> assigns fresh numbers.</summary>
    public async Task SaveWithNumbersAsync(Func<Task> renumber, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 4 && ex is not DbUpdateConcurrencyException && IsUniqueViolation(ex))
            {
                await renumber();
            }
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.GetType().Name == "PostgresException" && ex.InnerException.Message.Contains("23505", StringComparison.Ordinal);
}

/// <summary>Model of the shared request partial (menu, concerns, information list, consents).</summary>
public sealed record RequestFieldsModel(RequestInput Request, string Prefix, bool RequireAssets);
