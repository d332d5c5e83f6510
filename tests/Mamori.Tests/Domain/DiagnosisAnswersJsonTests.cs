using Mamori.Data.Configurations;
using Mamori.Domain;

namespace Mamori.Tests.Domain;

/// <summary>The answers column: what EF wrote while answers were owned JSON entities still reads, and the
/// change comparer sees edits made in place (a hearing edits answers in place).</summary>
public class DiagnosisAnswersJsonTests
{
    [Fact]
    public void Reads_the_json_written_when_answers_were_owned_entities()
    {
        const string stored = """[{"ChangedByExpert":false,"ExpertNote":"","ItemKey":"A-01","UpdatedAt":"2026-11-26T12:19:39.6121771Z","Value":"partly"},{"ChangedByExpert":true,"ExpertNote":"規程あり","ItemKey":"CN-03","UpdatedAt":"2026-11-26T12:19:39.6121771Z","Value":"yes"}]""";
        var answers = DiagnosisAnswersJson.Read(stored);
        Assert.Equal(2, answers.Count);
        Assert.Equal(("A-01", "partly", "", false), (answers[0].ItemKey, answers[0].Value, answers[0].ExpertNote, answers[0].ChangedByExpert));
        Assert.Equal(("CN-03", "yes", "規程あり", true), (answers[1].ItemKey, answers[1].Value, answers[1].ExpertNote, answers[1].ChangedByExpert));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 19, 39, TimeSpan.Zero).AddTicks(6121771), answers[1].UpdatedAt);
        Assert.Empty(DiagnosisAnswersJson.Read(null));
        Assert.Empty(DiagnosisAnswersJson.Read("[]"));
    }

    [Fact]
    public void Writes_readable_json_that_round_trips()
    {
        var answers = new List<DiagnosisAnswer>
        {
            new() { ItemKey = "B-02", Value = "自由記述 \"引用\"", ExpertNote = "メモ", ChangedByExpert = true, UpdatedAt = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)) },
        };
        var json = DiagnosisAnswersJson.Write(answers);
        Assert.Contains("自由記述", json, StringComparison.Ordinal);
        var back = DiagnosisAnswersJson.Read(json);
        Assert.True(DiagnosisAnswersJson.Comparer.Equals(answers, back));
    }

    [Fact]
    public void The_comparer_sees_an_answer_changed_in_place()
    {
        var answers = new List<DiagnosisAnswer> { new() { ItemKey = "A-01", Value = "no" } };
        var snapshot = DiagnosisAnswersJson.Comparer.Snapshot(answers);
        Assert.True(DiagnosisAnswersJson.Comparer.Equals(answers, snapshot));
        answers[0].Value = "yes";
        Assert.False(DiagnosisAnswersJson.Comparer.Equals(answers, snapshot));
        answers[0].Value = "no";
        answers.Add(new DiagnosisAnswer { ItemKey = "A-02", Value = "yes" });
        Assert.False(DiagnosisAnswersJson.Comparer.Equals(answers, snapshot));
    }
}
