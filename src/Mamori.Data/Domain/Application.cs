using System.Globalization;

namespace Mamori.Domain;

/// <summary>A request for individual support from one base of a company in one fiscal year.
/// Selection is first come, first served, so <see cref="ReceivedAt"/> orders the queue.</summary>
public class Application : IVersioned
{
    public int Id { get; set; }
    /// <summary>受付番号, 2022-001.</summary>
    public required string Number { get; set; }
    public int FiscalYearId { get; set; }
    public int CompanyId { get; set; }
    public int BaseId { get; set; }
    public required string CountryCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ApplicationChannel Channel { get; set; }
    public SupportMenu Menu { get; set; }
    [SensitiveText]
    public string Concerns { get; set; } = "";
    public bool ConsentCasePublication { get; set; }
    public bool ConsentSeminarSpeaking { get; set; }
    public bool ConsentSurvey { get; set; }
    public bool ConsentDataHandling { get; set; }
    public ApplicationStatus Status { get; set; }
    /// <summary>An earlier application for the same company, country and year, when one exists.</summary>
    public int? DuplicateOfId { get; set; }
    public Guid Version { get; set; }

    public FiscalYear? FiscalYear { get; set; }
    public Company? Company { get; set; }
    public Base? Base { get; set; }
    public Country? Country { get; set; }
    public List<InformationAsset> InformationAssets { get; set; } = [];
    public List<ApplicationStatusChange> StatusChanges { get; set; } = [];
    public Engagement? Engagement { get; set; }
    public Application? DuplicateOf { get; set; }

    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> Allowed = new()
    {
        [ApplicationStatus.Received] = [ApplicationStatus.Screening, ApplicationStatus.Waitlisted, ApplicationStatus.Declined, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Screening] = [ApplicationStatus.Accepted, ApplicationStatus.Waitlisted, ApplicationStatus.Declined, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Waitlisted] = [ApplicationStatus.Screening, ApplicationStatus.Accepted, ApplicationStatus.Declined, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Declined] = [ApplicationStatus.Screening],
        [ApplicationStatus.Accepted] = [ApplicationStatus.Withdrawn],
        [ApplicationStatus.Withdrawn] = [],
    };

    public static IReadOnlyList<ApplicationStatus> NextStates(ApplicationStatus from) => Allowed[from];

    public IReadOnlyList<ApplicationStatus> NextStates() => Allowed[Status];

    /// <summary>Whether a move needs a written reason (declining, waitlisting, withdrawing, reopening).</summary>
    public static bool ReasonRequired(ApplicationStatus from, ApplicationStatus to) =>
        to is ApplicationStatus.Declined or ApplicationStatus.Waitlisted or ApplicationStatus.Withdrawn
        || from == ApplicationStatus.Declined;

    /// <summary>Moves the application and records who, when and why. Acceptance itself is done by
    /// <see cref="Accept"/>, which also creates the engagement.</summary>
    public ApplicationStatusChange ChangeStatus(ApplicationStatus to, string? reason, string? userId, string userName, DateTimeOffset at)
    {
        if (to == ApplicationStatus.Accepted && Engagement is null)
        {
            throw new InvalidOperationException("Use Accept() so that the engagement is created.");
        }
        if (!Allowed[Status].Contains(to))
        {
            throw new DomainException("この応募は「{0}」から「{1}」に変更できません。", nameof(Status), Status, to);
        }
        reason = reason?.Trim() ?? "";
        if (ReasonRequired(Status, to) && reason.Length == 0)
        {
            throw new DomainException("この変更には理由の入力が必要です。", "Reason");
        }
        var change = new ApplicationStatusChange
        {
            From = Status,
            To = to,
            At = at,
            UserId = userId,
            UserName = userName,
            Reason = reason,
        };
        StatusChanges.Add(change);
        Status = to;
        return change;
    }

    /// <summary>Accepts the application and opens the engagement for this company, country and year.
    /// The caller has checked that no engagement exists yet for the same trio.</summary>
    public Engagement Accept(FiscalYear year, string engagementNumber, string? reason, string? userId, string userName, DateTimeOffset at)
    {
        if (!Allowed[Status].Contains(ApplicationStatus.Accepted))
        {
            throw new DomainException("この応募は「{0}」から採択できません。", nameof(Status), Status);
        }
        Engagement = new Engagement
        {
            Number = engagementNumber,
            FiscalYearId = FiscalYearId,
            CompanyId = CompanyId,
            BaseId = BaseId,
            CountryCode = CountryCode,
            Application = this,
            Status = EngagementStatus.Planned,
            SupportStart = year.SupportStart,
            SupportEnd = year.SupportEnd,
            AllowanceMinutes = year.AllowanceMinutes,
            ConsentCasePublication = ConsentCasePublication,
            ConsentSeminarSpeaking = ConsentSeminarSpeaking,
            ConsentSurvey = ConsentSurvey,
            ConsentDataHandling = ConsentDataHandling,
        };
        ChangeStatus(ApplicationStatus.Accepted, reason, userId, userName, at);
        return Engagement;
    }

    public static string FormatNumber(int startYear, int sequence) =>
        startYear.ToString(CultureInfo.InvariantCulture) + "-" + sequence.ToString("000", CultureInfo.InvariantCulture);

    public static string StatusNameJa(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Received => "受付",
        ApplicationStatus.Screening => "審査中",
        ApplicationStatus.Accepted => "採択",
        ApplicationStatus.Waitlisted => "補欠",
        ApplicationStatus.Declined => "不採択",
        ApplicationStatus.Withdrawn => "取下げ",
        _ => status.ToString(),
    };
}
