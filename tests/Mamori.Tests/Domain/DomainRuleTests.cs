using Mamori.Domain;

namespace Mamori.Tests.Domain;

public class CompanyNameKeyTests
{
    [Theory]
    [InlineData("株式会社 山田製作所", "(株)山田製作所")]
    [InlineData("山田製作所株式会社", "㈱山田製作所")]
    [InlineData("ＹＡＭＡＤＡ　Ｃｏ．，Ｌｔｄ．", "yamada co.,ltd.")]
    public void Legal_forms_width_and_spaces_do_not_make_a_different_company(string a, string b) =>
        Assert.Equal(Company.MakeNameKey(a), Company.MakeNameKey(b));

    [Fact]
    public void Different_names_stay_different() =>
        Assert.NotEqual(Company.MakeNameKey("山田製作所"), Company.MakeNameKey("山田精工"));
}

public class ApplicationStateTests
{
    private static Application NewApplication() => new() { Number = "2022-001", CountryCode = "CN", FiscalYearId = 1, CompanyId = 1, BaseId = 1 };

    private static FiscalYear Year() => new() { StartYear = 2022, OfficialName = "x", AllowanceMinutes = 23 * 60, SupportStart = new DateOnly(2022, 10, 13), SupportEnd = new DateOnly(2023, 2, 17) };

    [Fact]
    public void Each_change_records_who_when_and_why()
    {
        var app = NewApplication();
        var at = new DateTimeOffset(2022, 8, 1, 0, 0, 0, TimeSpan.Zero);
        app.ChangeStatus(ApplicationStatus.Screening, "書類確認", "u1", "事務局 佐藤", at);
        var change = Assert.Single(app.StatusChanges);
        Assert.Equal((ApplicationStatus.Received, ApplicationStatus.Screening, "u1", "事務局 佐藤", "書類確認", at),
            (change.From, change.To, change.UserId, change.UserName, change.Reason, change.At));
    }

    [Fact]
    public void Declining_needs_a_reason()
    {
        var app = NewApplication();
        var ex = Assert.Throws<DomainException>(() => app.ChangeStatus(ApplicationStatus.Declined, " ", null, "x", DateTimeOffset.UtcNow));
        Assert.Equal("Reason", ex.Field);
        Assert.Equal(ApplicationStatus.Received, app.Status);
        Assert.Empty(app.StatusChanges);
    }

    [Fact]
    public void A_withdrawn_application_cannot_move_again()
    {
        var app = NewApplication();
        app.ChangeStatus(ApplicationStatus.Withdrawn, "企業都合", null, "x", DateTimeOffset.UtcNow);
        Assert.Throws<DomainException>(() => app.ChangeStatus(ApplicationStatus.Screening, "再開", null, "x", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Accepting_creates_the_engagement_with_the_year_allowance_and_the_consents()
    {
        var app = NewApplication();
        app.ConsentCasePublication = true;
        app.ConsentSurvey = true;
        app.ChangeStatus(ApplicationStatus.Screening, null, null, "x", DateTimeOffset.UtcNow);
        var engagement = app.Accept(Year(), "2022-CN-01", null, null, "x", DateTimeOffset.UtcNow);
        Assert.Equal(ApplicationStatus.Accepted, app.Status);
        Assert.Equal(23 * 60, engagement.AllowanceMinutes);
        Assert.Equal(new DateOnly(2022, 10, 13), engagement.SupportStart);
        Assert.True(engagement.ConsentCasePublication);
        Assert.True(engagement.ConsentSurvey);
        Assert.False(engagement.ConsentSeminarSpeaking);
        Assert.Equal(EngagementStatus.Planned, engagement.Status);
    }

    [Fact]
    public void Received_cannot_jump_to_accepted_without_screening()
    {
        var app = NewApplication();
        Assert.Throws<DomainException>(() => app.Accept(Year(), "2022-CN-01", null, null, "x", DateTimeOffset.UtcNow));
        Assert.Null(app.Engagement);
    }
}

public class HourAllowanceTests
{
    /// <summary>An engagement with <paramref name="usedHours"/> already logged through the rule (a reason where it goes over).</summary>
    private static Engagement NewEngagement(int usedHours = 0)
    {
        var e = new Engagement { Number = "2022-CN-01", CountryCode = "CN", AllowanceMinutes = 23 * 60 };
        for (var left = usedHours * 60; left > 0; left -= 12 * 60)
        {
            e.Record(SessionChange.Logged, Session(Math.Min(left, 12 * 60)), "事前に承認済み");
        }
        return e;
    }

    private static EngagementSession Session(int minutes)
    {
        var s = new EngagementSession { TimeZoneId = "Asia/Shanghai" };
        s.SetTimes(new DateOnly(2022, 10, 13), new TimeOnly(8, 0), new TimeOnly(8, 0).AddMinutes(minutes), "Asia/Shanghai", minutes);
        return s;
    }

    [Theory]
    [InlineData(0, AllowanceState.Ok)]
    [InlineData(1103, AllowanceState.Ok)]      // 79.9 %
    [InlineData(1104, AllowanceState.Warning)] // 80 % of 1380 minutes
    [InlineData(1380, AllowanceState.Warning)] // exactly 100 % is allowed
    [InlineData(1381, AllowanceState.Over)]
    public void State_follows_the_share_used(int used, AllowanceState expected) =>
        Assert.Equal(expected, Engagement.StateFor(used, 23 * 60));

    [Fact]
    public void Logging_up_to_the_allowance_is_fine_and_starts_the_engagement()
    {
        var e = NewEngagement(20);
        var session = Session(180);
        Assert.Equal(AllowanceState.Warning, e.Record(SessionChange.Logged, session));
        Assert.Equal(23 * 60, e.UsedMinutes);
        Assert.Equal(EngagementStatus.Active, e.Status);
        Assert.Contains(session, e.Sessions);
        Assert.Equal("", session.OverrideReason);
    }

    [Fact]
    public void Going_over_the_allowance_is_refused_without_a_reason()
    {
        var e = NewEngagement(22);
        var session = Session(120);
        var ex = Assert.Throws<DomainException>(() => e.Record(SessionChange.Logged, session, "  "));
        Assert.Equal("Hours", ex.Field);
        Assert.Equal(22 * 60, e.UsedMinutes);
        Assert.DoesNotContain(session, e.Sessions);
    }

    [Fact]
    public void A_coordinator_reason_allows_going_over_and_stays_on_the_session_that_crossed()
    {
        var e = NewEngagement(22);
        var session = Session(120);
        Assert.Equal(AllowanceState.Over, e.Record(SessionChange.Logged, session, " 研修の追加実施を事務局が承認 "));
        Assert.Equal(24 * 60, e.UsedMinutes);
        Assert.Equal("研修の追加実施を事務局が承認", session.OverrideReason);
    }

    [Fact]
    public void Lengthening_a_session_past_the_allowance_needs_a_reason_and_shortening_never_does()
    {
        var e = NewEngagement(20);
        var session = Session(120);
        e.Record(SessionChange.Logged, session);
        session.SetTimes(session.Date, session.StartTime, new TimeOnly(13, 0), session.TimeZoneId, 300);
        Assert.Throws<DomainException>(() => e.Record(SessionChange.Changed, session, minutesBefore: 120));
        Assert.Equal(22 * 60, e.UsedMinutes);

        Assert.Equal(AllowanceState.Over, e.Record(SessionChange.Changed, session, "現地研修を延長", minutesBefore: 120));
        Assert.Equal(25 * 60, e.UsedMinutes);

        session.SetTimes(session.Date, session.StartTime, new TimeOnly(9, 0), session.TimeZoneId, 60);
        Assert.Equal(AllowanceState.Warning, e.Record(SessionChange.Changed, session, minutesBefore: 300));
        Assert.Equal(21 * 60, e.UsedMinutes);
    }

    [Fact]
    public void Removing_a_session_is_always_allowed_even_when_over()
    {
        var e = NewEngagement(25);
        var last = e.Sessions[^1];
        e.Record(SessionChange.Removed, last);
        Assert.Equal(25 * 60 - last.Minutes, e.UsedMinutes);
        Assert.DoesNotContain(last, e.Sessions);
    }

    [Fact]
    public void A_cancelled_engagement_takes_no_more_hours_but_may_lose_some()
    {
        var e = NewEngagement(5);
        e.Status = EngagementStatus.Cancelled;
        var ex = Assert.Throws<DomainException>(() => e.Record(SessionChange.Logged, Session(60)));
        Assert.Equal(nameof(Engagement.Status), ex.Field);
        e.Record(SessionChange.Removed, e.Sessions[0]);
        Assert.Equal(0, e.UsedMinutes);
        Assert.Equal(EngagementStatus.Cancelled, e.Status);
    }
}

public class SessionTimeTests
{
    [Fact]
    public void Local_times_are_kept_and_instants_stored_in_utc()
    {
        var s = new EngagementSession { TimeZoneId = "Asia/Shanghai" };
        s.SetTimes(new DateOnly(2022, 10, 13), new TimeOnly(14, 0), new TimeOnly(16, 0), "Asia/Shanghai", 120);
        Assert.Equal(new DateTimeOffset(2022, 10, 13, 6, 0, 0, TimeSpan.Zero), s.StartsAtUtc);
        Assert.Equal(TimeSpan.Zero, s.StartsAtUtc.Offset);

        s.SetTimes(new DateOnly(2023, 1, 9), new TimeOnly(9, 30), new TimeOnly(11, 0), "Asia/Kolkata", 90);
        Assert.Equal(new DateTimeOffset(2023, 1, 9, 4, 0, 0, TimeSpan.Zero), s.StartsAtUtc);
    }

    [Theory]
    [InlineData("10:00", "09:00", 60, "EndTime")]
    [InlineData("10:00", "11:00", 0, "Hours")]
    [InlineData("10:00", "11:00", 50, "Hours")]
    [InlineData("10:00", "11:00", 75, "Hours")]
    public void Bad_times_name_the_field(string start, string end, int minutes, string field)
    {
        var s = new EngagementSession { TimeZoneId = "Asia/Tokyo" };
        var ex = Assert.Throws<DomainException>(() => s.SetTimes(new DateOnly(2022, 10, 13), TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), "Asia/Tokyo", minutes));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Unknown_time_zone_is_refused()
    {
        var s = new EngagementSession { TimeZoneId = "Asia/Tokyo" };
        var ex = Assert.Throws<DomainException>(() => s.SetTimes(new DateOnly(2022, 10, 13), new TimeOnly(9, 0), new TimeOnly(10, 0), "Mars/Olympus", 60));
        Assert.Equal("TimeZoneId", ex.Field);
    }
}
