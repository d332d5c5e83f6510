using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Pages.Diagnoses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Mamori.Web.Pages.SelfCheck;

/// <summary>The public self-check, step 2: every question for the chosen bases on one page (progress is kept
/// in the tab's sessionStorage by site.js), submitted at once. The result is stored under a random token that
/// only the respondent gets; nothing identifies them unless they type a company name.</summary>
[EnableRateLimiting(ServiceRegistration.SelfCheckRateLimit)]
public sealed class AnswerModel(AppDbContext db, CatalogueCache catalogues, Lookups lookups, TimeProvider time, SelfCheckWriter writer) : PageModel
{
    public QuestionForm Form { get; private set; } = null!;
    public string ScopeText { get; private set; } = "";
    public IReadOnlyList<string> CountryNames { get; private set; } = [];
    public IReadOnlyList<AnswerError> Errors { get; private set; } = [];
    public string RespondentCompany { get; private set; } = "";

    private async Task<DiagnosisScope> ScopeFromQueryAsync()
    {
        var bases = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var code in Request.Query["c"].Where(c => c is not null).Take(MaxBases))
        {
            if (await lookups.IsCountryAsync(code) && code != "JP")
            {
                bases[code!] = int.TryParse(Request.Query["n_" + code], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000 ? n : null;
            }
        }
        return new DiagnosisScope(bases);
    }

    /// <summary>More bases than this in one self-check is not a real company's answer.</summary>
    public const int MaxBases = 12;

    private async Task<DiagnosisScope?> ScopeFromTextAsync(string? text)
    {
        if (text is { Length: > 300 })
        {
            return null;
        }
        var scope = DiagnosisScope.Parse(text);
        if (scope.Bases.Count > MaxBases || scope.Bases.Values.Any(n => n is > 1_000_000))
        {
            return null;
        }
        foreach (var code in scope.Bases.Keys)
        {
            if (code == "JP" || !await lookups.IsCountryAsync(code))
            {
                return null;
            }
        }
        return scope;
    }

    private async Task ShowAsync(CatalogueSnapshot catalogue, DiagnosisScope scope, IReadOnlyDictionary<string, string> answers)
    {
        ScopeText = scope.ToString();
        Form = new QuestionForm(catalogue, scope, answers);
        var names = new List<string>();
        foreach (var code in scope.Bases.Keys)
        {
            names.Add(await lookups.CountryNameAsync(code));
        }
        CountryNames = names;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var catalogue = await catalogues.CurrentAsync(db, HttpContext.RequestAborted);
        await ShowAsync(catalogue, await ScopeFromQueryAsync(), new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? scope, int? catalogueVersion, string? respondentCompany)
    {
        var posted = PostedAnswers.From(Request.Form);
        RespondentCompany = (respondentCompany ?? "").Trim();
        var parsedScope = await ScopeFromTextAsync(scope);
        // Answers belong to the version the questions were shown from (a new version may have been published meanwhile).
        var catalogue = catalogueVersion is { } n and > 0 ? await catalogues.ByNumberAsync(db, n, HttpContext.RequestAborted) : null;
        if (parsedScope is null || catalogue is null)
        {
            await ShowAsync(await catalogues.CurrentAsync(db, HttpContext.RequestAborted), parsedScope ?? DiagnosisScope.None, new Dictionary<string, string>());
            Errors = [new AnswerError("", parsedScope is null ? "拠点の国の指定が正しくありません。最初からやり直してください。" : "質問票の版が見つかりません。最初からやり直してください。")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var errors = DiagnosisAnswers.Validate(catalogue, parsedScope, posted).ToList();
        if (RespondentCompany.Length > 200)
        {
            errors.Add(new AnswerError("respondentCompany", "企業名は200文字以内で入力してください。"));
        }
        if (errors.Count > 0)
        {
            await ShowAsync(catalogue, parsedScope, posted.Values.Where(v => catalogue.ByKey.ContainsKey(v.Key)).ToDictionary());
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var now = time.GetUtcNow();
        var token = DiagnosisAnswers.NewToken();
        var diagnosis = new Diagnosis
        {
            Kind = DiagnosisKind.PublicSelfCheck,
            Status = DiagnosisStatus.Completed,
            CatalogueVersionId = catalogue.Version.Id,
            Scope = parsedScope.ToString(),
            PublicTokenHash = DiagnosisAnswers.HashToken(token),
            RespondentCompany = RespondentCompany,
            StartedAt = now,
            CompletedAt = now,
        };
        DiagnosisAnswers.Apply(diagnosis, new PostedAnswers(posted.Values, new Dictionary<string, string>(), new HashSet<string>()), now, expertFields: false);
        diagnosis.TotalScore = catalogue.Score(diagnosis.AnswerMap(), parsedScope).Total;
        // Written with other simultaneous submissions in one transaction; returns once committed.
        await writer.SaveAsync(diagnosis, HttpContext.RequestAborted);
        return RedirectToPage("/SelfCheck/Result", new { t = token });
    }
}
