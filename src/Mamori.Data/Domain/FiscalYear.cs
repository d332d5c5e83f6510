namespace Mamori.Domain;

/// <summary>A program year, April to March, named by the calendar year it starts in (令和4年度 = FY2022).</summary>
public class FiscalYear : IVersioned
{
    public const int DefaultAllowanceMinutes = 23 * 60;
    public const int DefaultSetupConsultationMinutes = 60;

    public int Id { get; set; }
    /// <summary>The calendar year in which the fiscal year starts (2022 for 令和4年度).</summary>
    public int StartYear { get; set; }
    /// <summary>The official project name exactly as typed; it cannot be derived (FY2019 still says 平成31年度).</summary>
    public required string OfficialName { get; set; }
    /// <summary>Commissioning ministry and office, e.g. 経済産業省 経済産業政策局 知的財産政策室.</summary>
    public string Sponsor { get; set; } = "";
    public string Implementer { get; set; } = "";
    public DateOnly? RecruitmentStart { get; set; }
    public DateOnly? RecruitmentEnd { get; set; }
    public DateOnly? SupportStart { get; set; }
    public DateOnly? SupportEnd { get; set; }
    /// <summary>Expert hours per company per country in this year (23 h today, 10 h in 2017).</summary>
    public int AllowanceMinutes { get; set; } = DefaultAllowanceMinutes;
    /// <summary>The one-hour consultation for a company setting up a base, once per company.</summary>
    public int SetupConsultationMinutes { get; set; } = DefaultSetupConsultationMinutes;
    public Guid Version { get; set; }

    public List<TargetCountry> TargetCountries { get; set; } = [];

    public DateOnly FirstDay => new(StartYear, 4, 1);
    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    /// <summary>令和4年度; 令和元年度 for FY2019.</summary>
    public string WarekiLabel => JapaneseDates.FiscalYearLabel(StartYear);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>The fiscal year (by start year) a date falls in.</summary>
    public static int StartYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>Checks the windows; returns (field, message) pairs, empty when valid. The message is a Japanese
    /// format with arguments, localized by the page or the import that shows it.</summary>
    public IEnumerable<(string Field, RuleMessage Message)> Validate()
    {
        if (StartYear is < 1989 or > 2200)
        {
            yield return (nameof(StartYear), new RuleMessage("年度は1989年以降の西暦で入力してください。"));
        }
        if (string.IsNullOrWhiteSpace(OfficialName))
        {
            yield return (nameof(OfficialName), new RuleMessage("事業名を入力してください。"));
        }
        if (RecruitmentStart is { } rs && RecruitmentEnd is { } re && re < rs)
        {
            yield return (nameof(RecruitmentEnd), new RuleMessage("募集終了日は募集開始日以降にしてください。"));
        }
        if (SupportStart is { } ss && SupportEnd is { } se && se < ss)
        {
            yield return (nameof(SupportEnd), new RuleMessage("支援終了日は支援開始日以降にしてください。"));
        }
        if (StartYear is >= 1989 and <= 2200)
        {
            foreach (var (field, date) in new[] { (nameof(SupportStart), SupportStart), (nameof(SupportEnd), SupportEnd) })
            {
                if (date is { } d && !Contains(d))
                {
                    yield return (field, new RuleMessage("支援期間は当該年度（4月1日～翌年3月31日）の範囲内にしてください。"));
                }
            }
        }
        if (AllowanceMinutes is <= 0 or > 200 * 60)
        {
            yield return (nameof(AllowanceMinutes), new RuleMessage("支援時間枠は0時間より大きく200時間以下にしてください。"));
        }
        if (SetupConsultationMinutes is < 0 or > 10 * 60)
        {
            yield return (nameof(SetupConsultationMinutes), new RuleMessage("拠点設立相談の時間枠は0～10時間にしてください。"));
        }
        var duplicate = TargetCountries.GroupBy(t => t.CountryCode).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return (nameof(TargetCountries), new RuleMessage("対象国 {0} が重複しています。", duplicate.Key));
        }
    }
}
