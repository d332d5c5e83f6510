using Mamori.Domain;
using Mamori.Web.Data;

namespace Mamori.Tests.Domain;

/// <summary>Worked examples of the scoring rules (see DiagnosisScoring's summary).</summary>
public class DiagnosisScoringTests
{
    private static readonly CatalogueSection[] Sections =
    [
        new() { Key = "A", Order = 1, NameJa = "把握" },
        new() { Key = "B", Order = 2, NameJa = "規程" },
        new() { Key = "J", Order = 3, NameJa = "国別" },
    ];

    private static CatalogueItem Scale(string key, string section, int weight, int order, LegalRequirement req = LegalRequirement.None,
        string countries = "", int? minEmployees = null, bool decisive = false) =>
        new()
        {
            Key = key, SectionKey = section, Order = order, Type = AnswerType.Scale, TextJa = key, Weight = weight, Requirement = req,
            Countries = countries, MinBaseEmployees = minEmployees, Decisive = decisive, RecommendationJa = "do " + key,
        };

    private static List<CatalogueItem> Items()
    {
        var choice = new CatalogueItem { Key = "A-03", SectionKey = "A", Order = 3, Type = AnswerType.Choice, TextJa = "区分", Weight = 2, RecommendationJa = "x" };
        choice.SetOptions([new ChoiceOption("none", "なし", "None", 0), new ChoiceOption("two", "2段階", "Two", 0.5), new ChoiceOption("three", "3段階", "Three", 1)]);
        var number = new CatalogueItem { Key = "B-02", SectionKey = "B", Order = 2, Type = AnswerType.Number, TextJa = "誓約率", Weight = 4, RecommendationJa = "x" };
        number.SetNumber(new NumberSpec("%", "%", 0, 100, [new NumberThreshold(0, 0), new NumberThreshold(50, 0.5), new NumberThreshold(90, 1)]));
        return
        [
            Scale("A-01", "A", 5, 1, LegalRequirement.SecrecyManagement),
            Scale("A-02", "A", 3, 2, LegalRequirement.SecrecyManagement),
            choice,
            new CatalogueItem { Key = "A-04", SectionKey = "A", Order = 4, Type = AnswerType.Text, TextJa = "自由記述", Weight = 0 },
            Scale("B-01", "B", 4, 1),
            number,
            Scale("J-01", "J", 5, 1, LegalRequirement.SecrecyManagement, "CN", decisive: true),
            Scale("J-02", "J", 2, 2, countries: "TH;VN", minEmployees: 10),
        ];
    }

    private static DiagnosisResult Score(Dictionary<string, string> answers, string scope = "") =>
        DiagnosisScoring.Score(Sections, Items(), answers, DiagnosisScope.Parse(scope));

    [Fact]
    public void Worked_example_without_country_items()
    {
        // A: A-01 yes 5×1 + A-02 partly 3×0.5 + A-03 "two" 2×0.5 = 7.5 of 10 → 75.
        // B: B-01 no 4×0 + B-02 60 % → threshold 50 → 4×0.5 = 2 of 8 → 25.
        // Total: 9.5 of 18 = 52.78 → 53, band Weak (40–64). A-04 (text) is not scored.
        var r = Score(new() { ["A-01"] = "yes", ["A-02"] = "partly", ["A-03"] = "two", ["A-04"] = "図面", ["B-01"] = "no", ["B-02"] = "60" });
        Assert.Equal(75, r.Sections.Single(s => s.Section.Key == "A").Score);
        Assert.Equal(25, r.Sections.Single(s => s.Section.Key == "B").Score);
        Assert.Null(r.Sections.Single(s => s.Section.Key == "J").Score);
        Assert.Equal(53, r.Total);
        Assert.Equal(ScoreBand.Weak, r.Band);
        Assert.Equal(6, r.Applicable.Count);
        Assert.Equal(6, r.Answered);
    }

    [Fact]
    public void Gaps_are_ordered_by_weight_times_shortfall_then_secrecy_then_catalogue_order()
    {
        // B-01 no: 4×1 = 4; B-02 60 %: 4×0.5 = 2; A-02 partly: 3×0.5 = 1.5; A-03 two: 2×0.5 = 1.
        var r = Score(new() { ["A-01"] = "yes", ["A-02"] = "partly", ["A-03"] = "two", ["B-01"] = "no", ["B-02"] = "60" });
        Assert.Equal(["B-01", "B-02", "A-02", "A-03"], r.Gaps.Select(g => g.Item.Key));
        Assert.Equal([4.0, 2.0, 1.5, 1.0], r.Gaps.Select(g => g.Priority));
    }

    [Fact]
    public void Equal_priority_puts_the_secrecy_evidence_first()
    {
        // A-02 (secrecy, 3×1 = 3) ties with nothing... make B-01 partly (4×0.5 = 2) and A-03 none (2×1 = 2): tie at 2 → catalogue order A before B.
        // A-01 partly (5×0.5 = 2.5); A-02 no (3); tie check: add secrecy vs non-secrecy at equal priority.
        var r = Score(new() { ["A-01"] = "yes", ["A-02"] = "yes", ["A-03"] = "none", ["B-01"] = "partly", ["B-02"] = "100" });
        Assert.Equal(["A-03", "B-01"], r.Gaps.Select(g => g.Item.Key));
        var items = Items();
        items.Single(i => i.Key == "B-01").Requirement = LegalRequirement.SecrecyManagement;
        var r2 = DiagnosisScoring.Score(Sections, items, new Dictionary<string, string> { ["A-01"] = "yes", ["A-02"] = "yes", ["A-03"] = "none", ["B-01"] = "partly", ["B-02"] = "100" }, DiagnosisScope.None);
        Assert.Equal(["B-01", "A-03"], r2.Gaps.Select(g => g.Item.Key));
    }

    [Fact]
    public void Country_items_appear_only_for_bases_there_and_decisive_gaps_come_first()
    {
        var answers = new Dictionary<string, string> { ["A-01"] = "yes", ["A-02"] = "yes", ["A-03"] = "three", ["B-01"] = "no", ["B-02"] = "95", ["J-01"] = "partly" };
        var withoutChina = Score(answers);
        Assert.DoesNotContain(withoutChina.Applicable, i => i.Key == "J-01");
        var china = Score(answers, "CN=40");
        Assert.Contains(china.Applicable, i => i.Key == "J-01");
        // J-01 partly gives 5×0.5 = 2.5 < B-01's 4, but a decisive gap leads.
        Assert.Equal(["J-01", "B-01"], china.Gaps.Select(g => g.Item.Key));
    }

    [Theory]
    [InlineData("TH=9", false)]
    [InlineData("TH=10", true)]
    [InlineData("VN=250", true)]
    [InlineData("TH", true)] // headcount unknown: ask
    [InlineData("CN=500", false)]
    public void Headcount_thresholds_decide_whether_a_country_item_is_asked(string scope, bool asked) =>
        Assert.Equal(asked, Items().Single(i => i.Key == "J-02").AppliesTo(DiagnosisScope.Parse(scope)));

    [Fact]
    public void Not_applicable_leaves_the_item_out_and_unknown_counts_as_zero()
    {
        // A: A-01 na (out), A-02 unknown 0 of 3, A-03 three 2 of 2 → 2/5 = 40.
        var r = Score(new() { ["A-01"] = "na", ["A-02"] = "unknown", ["A-03"] = "three" });
        Assert.Equal(40, r.Sections.Single(s => s.Section.Key == "A").Score);
        Assert.DoesNotContain(r.Gaps, g => g.Item.Key == "A-01");
        Assert.Equal(EvidenceState.Unknown, r.SecrecyEvidence.Single(e => e.Item.Key == "A-02").State);
        Assert.DoesNotContain(r.SecrecyEvidence, e => e.Item.Key == "A-01");
    }

    [Fact]
    public void All_not_applicable_has_no_score_and_decisive_evidence_stays_unknown()
    {
        var all = Items().Where(i => i.IsScored).ToDictionary(i => i.Key, _ => ScaleAnswers.NotApplicable);
        var r = Score(all, "CN");
        Assert.False(r.HasScore);
        Assert.Empty(r.Gaps);
        // J-01 (decisive, secrecy) answered 該当しない is still listed, as unknown, and the check warns.
        Assert.Equal(EvidenceState.Unknown, r.SecrecyEvidence.Single(e => e.Item.Key == "J-01").State);
        Assert.True(r.SecrecyAtRisk);
    }

    [Fact]
    public void Unanswered_items_count_as_zero_and_are_reported()
    {
        var r = Score(new() { ["A-01"] = "yes" });
        Assert.Equal(5, r.Unanswered);
        Assert.Equal((int)Math.Round(100 * 5.0 / 18, MidpointRounding.AwayFromZero), r.Total);
    }

    [Theory]
    [InlineData(100, ScoreBand.Good)]
    [InlineData(85, ScoreBand.Good)]
    [InlineData(84, ScoreBand.Fair)]
    [InlineData(65, ScoreBand.Fair)]
    [InlineData(64, ScoreBand.Weak)]
    [InlineData(40, ScoreBand.Weak)]
    [InlineData(39, ScoreBand.Critical)]
    [InlineData(0, ScoreBand.Critical)]
    public void Bands(int total, ScoreBand band) => Assert.Equal(band, DiagnosisScoring.BandOf(total));

    [Fact]
    public void Secrecy_is_at_risk_when_a_decisive_item_is_missing_or_most_evidence_is_absent()
    {
        var ok = Score(new() { ["A-01"] = "yes", ["A-02"] = "partly", ["J-01"] = "yes" }, "CN");
        Assert.False(ok.SecrecyAtRisk);
        Assert.Equal((2, 1, 0, 0), (ok.EvidenceCount(EvidenceState.Present), ok.EvidenceCount(EvidenceState.Partial), ok.EvidenceCount(EvidenceState.Missing), ok.EvidenceCount(EvidenceState.Unknown)));
        Assert.True(Score(new() { ["A-01"] = "yes", ["A-02"] = "yes", ["J-01"] = "no" }, "CN").SecrecyAtRisk);
        Assert.True(Score(new() { ["A-01"] = "no", ["A-02"] = "partly" }).SecrecyAtRisk);
    }

    [Theory]
    [InlineData("A-01", "maybe")]
    [InlineData("A-03", "four")]
    [InlineData("B-02", "101")]
    [InlineData("B-02", "-1")]
    [InlineData("B-02", "abc")]
    public void Out_of_range_values_are_refused(string key, string value) =>
        Assert.NotNull(Items().Single(i => i.Key == key).Validate(value));

    [Fact]
    public void Reassessment_flags_changed_answers_and_section_deltas()
    {
        var before = new Dictionary<string, string> { ["A-01"] = "no", ["A-02"] = "partly", ["B-01"] = "no", ["B-02"] = "20" };
        var after = new Dictionary<string, string> { ["A-01"] = "yes", ["A-02"] = "partly", ["B-01"] = "no", ["B-02"] = "95", ["A-03"] = "two" };
        var r1 = Score(before);
        var r2 = Score(after);
        var cmp = DiagnosisComparison.Compare(r1, before, r2, after);
        Assert.Equal(["A-01", "A-03", "B-02"], cmp.Changes.Select(c => c.Item.Key));
        Assert.All(cmp.Changes, c => Assert.True(c.Improved));
        // A: before 1.5/10 = 15, after (5+1.5+1)/10 = 75; B: before 0, after 4/8 = 50.
        Assert.Equal((15, 75, 60), (cmp.Sections[0].Before!.Value, cmp.Sections[0].After!.Value, cmp.Sections[0].Delta!.Value));
        Assert.Equal(50, cmp.Sections[1].Delta);
        Assert.Equal(r2.Total - r1.Total, cmp.TotalDelta);
    }
}

/// <summary>The catalogue in content/ is what new diagnoses use: it must load and keep its promises.</summary>
public class CatalogueContentTests
{
    private static CatalogueVersion Load()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        return CatalogueContent.Load(File.ReadAllText(Path.Combine(root, "content/diagnosis/catalogue.json")));
    }

    [Fact]
    public void The_catalogue_is_valid() => Assert.Empty(CatalogueContent.Validate(Load()));

    [Fact]
    public void It_covers_the_handbook_grid_and_the_country_law()
    {
        var v = Load();
        Assert.True(v.Items.Count >= 60, $"{v.Items.Count} items");
        Assert.All(v.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.TextEn), i.Key + " has no English"));
        foreach (var target in CatalogueContent.Targets)
        {
            foreach (var objective in CatalogueContent.Objectives.Where(o => !(o == "trust" && target == "outsiders")))
            {
                Assert.Contains(v.Items, i => i.Target == target && i.Objective == objective);
            }
        }
        foreach (var country in new[] { "CN", "TH", "VN", "ID", "IN" })
        {
            Assert.Contains(v.Items, i => i.CountryList.Contains(country) && i.Decisive);
        }
        Assert.True(v.Items.Count(i => i.Requirement == LegalRequirement.SecrecyManagement) >= 15);
        Assert.Contains(v.Items, i => i.Type == AnswerType.Choice);
        Assert.Contains(v.Items, i => i.Type == AnswerType.Number);
        Assert.Contains(v.Items, i => i.Type == AnswerType.Text);
        Assert.Contains(v.Items, i => i.MinBaseEmployees == 10 && i.CountryList.Contains("TH"));
    }

    [Fact]
    public void Validation_names_the_item_and_field()
    {
        var v = Load();
        v.Items[1].Key = v.Items[0].Key;
        v.Items[2].Weight = 9;
        v.Items[3].SectionKey = "Z";
        var errors = CatalogueContent.Validate(v);
        Assert.Contains(errors, e => e.ItemKey == v.Items[0].Key && e.Field == "id");
        Assert.Contains(errors, e => e.ItemKey == v.Items[2].Key && e.Field == "weight");
        Assert.Contains(errors, e => e.ItemKey == v.Items[3].Key && e.Field == "section");
    }
}
