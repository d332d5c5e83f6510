using System.Globalization;

namespace Mamori.Domain;

public enum EngagementStatus
{
    /// <summary>予定.</summary>
    Planned = 0,
    /// <summary>支援中.</summary>
    Active = 1,
    /// <summary>完了.</summary>
    Completed = 2,
    /// <summary>中止.</summary>
    Cancelled = 3,
}

/// <summary>Where the hours of an engagement stand against its allowance.</summary>
public enum AllowanceState
{
    Ok = 0,
    /// <summary>80 % or more used.</summary>
    Warning = 1,
    /// <summary>Over 100 %: only a coordinator with a reason may go there.</summary>
    Over = 2,
}

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

/// <summary>What happened to a session, for <see cref="Engagement.Record"/>.</summary>
public enum SessionChange
{
    Logged = 0,
    Changed = 1,
    Removed = 2,
}

public class EngagementExpert
{
    public int EngagementId { get; set; }
    /// <summary>The engagement's number, copied here so an expert's engagements are read in number order from the
    /// assignment index alone (ADR 0011). Part of the foreign key to the engagement, so the database refuses a copy
    /// that differs from the engagement's number, and EF Core fills it in from the engagement.</summary>
    public string EngagementNumber { get; set; } = "";
    public int ExpertId { get; set; }
    /// <summary>The expert who leads the engagement (主担当).</summary>
    public bool IsLead { get; set; }

    public Engagement? Engagement { get; set; }
    public Expert? Expert { get; set; }
}

public enum SessionMode
{
    /// <summary>オンライン.</summary>
    Online = 0,
    /// <summary>現地訪問.</summary>
    OnSite = 1,
}

public enum SessionType
{
    /// <summary>ヒアリング.</summary>
    Hearing = 0,
    /// <summary>アドバイス.</summary>
    Advice = 1,
    /// <summary>文書作成（契約書・規程の改正案等）.</summary>
    DocumentDrafting = 2,
    /// <summary>現場確認.</summary>
    SiteCheck = 3,
    /// <summary>管理職研修.</summary>
    ManagerTraining = 4,
    /// <summary>従業員研修.</summary>
    StaffTraining = 5,
    /// <summary>フォローアップ面談.</summary>
    FollowUp = 6,
    /// <summary>その他.</summary>
    Other = 7,
}

/// <summary>One dated piece of expert work (活動記録), in the local time of where it happened.</summary>
public class EngagementSession : IVersioned
{
    public int Id { get; set; }
    public int EngagementId { get; set; }
    public int? ExpertId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    /// <summary>IANA zone of where the session took place; the local times are in this zone.</summary>
    public required string TimeZoneId { get; set; }
    public DateTimeOffset StartsAtUtc { get; set; }
    public DateTimeOffset EndsAtUtc { get; set; }
    public SessionMode Mode { get; set; }
    public SessionType Type { get; set; }
    public int AttendeeCount { get; set; }
    /// <summary>Roles of the attendees (総経理、総務部長、現場リーダー ...).</summary>
    public string AttendeeRoles { get; set; } = "";
    public string Language { get; set; } = "ja";
    public int Minutes { get; set; }
    [SensitiveText]
    public string Summary { get; set; } = "";
    /// <summary>Why a coordinator allowed this session past the allowance.</summary>
    public string OverrideReason { get; set; } = "";
    public string? CreatedByUserId { get; set; }
    public Guid Version { get; set; }

    public Engagement? Engagement { get; set; }
    public Expert? Expert { get; set; }

    /// <summary>Fixes the UTC instants from the local date, times and zone, and checks them.</summary>
    public void SetTimes(DateOnly date, TimeOnly start, TimeOnly end, string timeZoneId, int minutes)
    {
        if (end <= start)
        {
            throw new DomainException("終了時刻は開始時刻より後にしてください。", nameof(EndTime));
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new DomainException("タイムゾーンが正しくありません。", nameof(TimeZoneId));
        }
        var span = (int)(end - start).TotalMinutes;
        if (minutes <= 0)
        {
            throw new DomainException("時間は0より大きくしてください。", "Hours");
        }
        if (minutes % 15 != 0)
        {
            throw new DomainException("時間は0.25時間（15分）単位で入力してください。", "Hours");
        }
        if (minutes > span)
        {
            throw new DomainException("計上時間（{0}時間）が開始～終了の長さ（{1}時間）を超えています。", "Hours", Durations.Format(minutes), Durations.Format(span));
        }
        Date = date;
        StartTime = start;
        EndTime = end;
        TimeZoneId = timeZoneId;
        Minutes = minutes;
        StartsAtUtc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(start), zone), TimeSpan.Zero);
        EndsAtUtc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(end), zone), TimeSpan.Zero);
    }


    public static string TypeNameJa(SessionType type) => type switch
    {
        SessionType.Hearing => "ヒアリング",
        SessionType.Advice => "アドバイス",
        SessionType.DocumentDrafting => "文書作成",
        SessionType.SiteCheck => "現場確認",
        SessionType.ManagerTraining => "管理職研修",
        SessionType.StaffTraining => "従業員研修",
        SessionType.FollowUp => "フォローアップ面談",
        SessionType.Other => "その他",
        _ => type.ToString(),
    };
}
