namespace Mamori.Domain;

/// <summary>Languages offered for contacts, sessions and deliverables (BCP-47 code, Japanese and English names).</summary>
public static class Languages
{
    public static readonly IReadOnlyList<(string Code, string Ja, string En)> All =
    [
        ("ja", "日本語", "Japanese"), ("en", "英語", "English"), ("zh", "中国語", "Chinese"),
        ("th", "タイ語", "Thai"), ("vi", "ベトナム語", "Vietnamese"), ("id", "インドネシア語", "Indonesian"),
        ("hi", "ヒンディー語", "Hindi"), ("ms", "マレー語", "Malay"), ("ko", "韓国語", "Korean"),
        ("de", "ドイツ語", "German"), ("es", "スペイン語", "Spanish"), ("fil", "フィリピン語", "Filipino"),
    ];

    public static bool IsValid(string? code) => code is not null && All.Any(l => l.Code == code);

    public static string NameJa(string code) => All.FirstOrDefault(l => l.Code == code).Ja ?? code;

    public static string NameEn(string code) => All.FirstOrDefault(l => l.Code == code).En ?? code;
}
