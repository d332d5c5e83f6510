namespace Mamori.Domain;

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
