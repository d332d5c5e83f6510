using System.Globalization;

namespace Mamori.Domain;

/// <summary>Individual support for one company in one country in one fiscal year.</summary>
public class Engagement : IVersioned
{
    public const decimal WarningShare = 0.8m;

    public int Id { get; set; }
    /// <summary>支援番号, 2022-CN-01.</summary>
    public required string Number { get; set; }
    public int FiscalYearId { get; set; }
    public int CompanyId { get; set; }
    public int BaseId { get; set; }
    public required string CountryCode { get; set; }
    public int? ApplicationId { get; set; }
    public EngagementStatus Status { get; set; }
    public DateOnly? SupportStart { get; set; }
    public DateOnly? SupportEnd { get; set; }
    public int AllowanceMinutes { get; set; } = FiscalYear.DefaultAllowanceMinutes;
    /// <summary>Sum of the session minutes, kept with the sessions in the same transaction; the
    /// engagement's version token serialises concurrent logging against the allowance. Changed only by
    /// <see cref="Record"/>.</summary>
    public int UsedMinutes { get; private set; }
    /// <summary>What happens next, shown on the expert's and company's overview.</summary>
    public string NextStep { get; set; } = "";
    public bool ConsentCasePublication { get; set; }
    public bool ConsentSeminarSpeaking { get; set; }
    public bool ConsentSurvey { get; set; }
    public bool ConsentDataHandling { get; set; }
    public Guid Version { get; set; }

    public FiscalYear? FiscalYear { get; set; }
    public Company? Company { get; set; }
    public Base? Base { get; set; }
    public Country? Country { get; set; }
    public Application? Application { get; set; }
    public List<EngagementExpert> Experts { get; set; } = [];
    public List<EngagementSession> Sessions { get; set; } = [];
    public List<Deliverable> Deliverables { get; set; } = [];

    public static AllowanceState StateFor(int usedMinutes, int allowanceMinutes) =>
        usedMinutes > allowanceMinutes ? AllowanceState.Over
        : usedMinutes >= allowanceMinutes * WarningShare ? AllowanceState.Warning
        : AllowanceState.Ok;

    public AllowanceState AllowanceState => StateFor(UsedMinutes, AllowanceMinutes);

    /// <summary>Share of the allowance used, 0–100+ (rounded down to whole per cent).</summary>
    public static int PercentUsed(int usedMinutes, int allowanceMinutes) =>
        allowanceMinutes <= 0 ? 0 : (int)Math.Floor(usedMinutes * 100m / allowanceMinutes);

    /// <summary>The one rule for an engagement's hours, used by the session page, the year import and the demo data.
    /// <paramref name="change"/> says what happened to <paramref name="session"/>: logged (new; it joins the
    /// engagement's sessions), changed (its minutes were <paramref name="minutesBefore"/> before the edit), or removed.
    /// A change that adds hours past the allowance needs <paramref name="overrideReason"/>, which is then kept on that
    /// session; only coordinators may give one, which the caller decides. A cancelled engagement takes no more hours.
    /// Returns where the hours stand afterwards: at 80 % the caller warns.</summary>
    public AllowanceState Record(SessionChange change, EngagementSession session, string? overrideReason = null, int minutesBefore = 0)
    {
        var delta = change switch
        {
            SessionChange.Logged => session.Minutes,
            SessionChange.Changed => session.Minutes - minutesBefore,
            SessionChange.Removed => -session.Minutes,
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        if (Status == EngagementStatus.Cancelled && delta > 0)
        {
            throw new DomainException("中止された支援には活動記録を追加できません。", nameof(Status));
        }
        var after = UsedMinutes + delta;
        var reason = overrideReason?.Trim() ?? "";
        if (delta > 0 && after > AllowanceMinutes && reason.Length == 0)
        {
            throw new DomainException(
                "支援時間枠（{0}時間）を超えます（記録後 {1}時間）。超過には事務局の承認と理由が必要です。",
                "Hours", Durations.Format(AllowanceMinutes), Durations.Format(after));
        }
        if (after > AllowanceMinutes && reason.Length > 0 && change != SessionChange.Removed)
        {
            session.OverrideReason = reason;
        }
        UsedMinutes = after;
        if (change == SessionChange.Logged && !Sessions.Contains(session))
        {
            Sessions.Add(session);
        }
        else if (change == SessionChange.Removed)
        {
            Sessions.Remove(session);
        }
        if (Status == EngagementStatus.Planned && delta > 0)
        {
            Status = EngagementStatus.Active;
        }
        return AllowanceState;
    }

    public static string FormatNumber(int startYear, string countryCode, int sequence) =>
        startYear.ToString(CultureInfo.InvariantCulture) + "-" + countryCode + "-" + sequence.ToString("00", CultureInfo.InvariantCulture);

    public static string StatusNameJa(EngagementStatus status) => status switch
    {
        EngagementStatus.Planned => "予定",
        EngagementStatus.Active => "支援中",
        EngagementStatus.Completed => "完了",
        EngagementStatus.Cancelled => "中止",
        _ => status.ToString(),
    };
}
