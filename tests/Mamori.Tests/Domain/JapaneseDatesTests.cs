using Mamori.Domain;

namespace Mamori.Tests.Domain;

public class JapaneseDatesTests
{
    [Theory]
    [InlineData(2022, "令和4年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2020, "令和2年度")]
    [InlineData(2018, "平成30年度")]
    [InlineData(1989, "平成元年度")]
    [InlineData(1988, "昭和63年度")]
    public void Fiscal_year_label_uses_the_era_and_gannen(int startYear, string expected) =>
        Assert.Equal(expected, JapaneseDates.FiscalYearLabel(startYear));

    [Fact]
    public void Dates_carry_the_era_and_weekday()
    {
        Assert.Equal("令和4年10月13日(木)", JapaneseDates.Date(new DateOnly(2022, 10, 13), DateStyle.Wareki));
        Assert.Equal("2022年10月13日(木)", JapaneseDates.Date(new DateOnly(2022, 10, 13), DateStyle.Seireki));
        Assert.Equal("令和元年5月1日(水)", JapaneseDates.Date(new DateOnly(2019, 5, 1), DateStyle.Wareki));
        Assert.Equal("平成31年4月30日", JapaneseDates.Date(new DateOnly(2019, 4, 30), DateStyle.Wareki, weekday: false));
    }

    [Fact]
    public void Report_range_matches_the_reference_report()
    {
        // seed-report-fy2022.txt: A社 上海市 10月13日(木)～2月17日(金)
        Assert.Equal("10月13日(木)～2月17日(金)", JapaneseDates.ReportRange(new DateOnly(2022, 10, 13), new DateOnly(2023, 2, 17)));
        Assert.Equal('\uFF5E', JapaneseDates.ReportRange(new DateOnly(2022, 10, 13), new DateOnly(2023, 2, 17))[9]);
    }

    [Fact]
    public void Seminar_time_uses_full_width_brackets_and_colons()
    {
        // seed-report-fy2022.txt: 2022年7月13日（水）15：00～16：45
        Assert.Equal("2022年7月13日（水）15：00～16：45",
            JapaneseDates.ReportDateTimeRange(new DateOnly(2022, 7, 13), new TimeOnly(15, 0), new TimeOnly(16, 45)));
    }

    [Fact]
    public void Ui_range_drops_the_year_only_within_one_calendar_year()
    {
        Assert.Equal("令和4年10月13日(木)～12月9日(金)", JapaneseDates.Range(new DateOnly(2022, 10, 13), new DateOnly(2022, 12, 9), DateStyle.Wareki));
        Assert.Equal("令和4年10月13日(木)～令和5年2月17日(金)", JapaneseDates.Range(new DateOnly(2022, 10, 13), new DateOnly(2023, 2, 17), DateStyle.Wareki));
        Assert.Equal("2019年4月1日(月)～5月7日(火)", JapaneseDates.Range(new DateOnly(2019, 4, 1), new DateOnly(2019, 5, 7), DateStyle.Seireki));
        // The era changes inside 2019, so both dates keep their era.
        Assert.Equal("平成31年4月1日(月)～令和元年5月7日(火)", JapaneseDates.Range(new DateOnly(2019, 4, 1), new DateOnly(2019, 5, 7), DateStyle.Wareki));
    }

    [Fact]
    public void Wave_dash_is_normalised_to_fullwidth_tilde() =>
        Assert.Equal("10月13日\uFF5E2月17日", JapaneseDates.NormalizeRangeMark("10月13日\u301C2月17日"));

    [Theory]
    [InlineData(2022, 4, 1, 2022)]
    [InlineData(2023, 3, 31, 2022)]
    [InlineData(2023, 4, 1, 2023)]
    [InlineData(2023, 1, 15, 2022)]
    public void A_date_belongs_to_the_fiscal_year_that_started_in_april(int y, int m, int d, int expected) =>
        Assert.Equal(expected, FiscalYear.StartYearOf(new DateOnly(y, m, d)));
}
