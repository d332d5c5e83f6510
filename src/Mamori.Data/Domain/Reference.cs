namespace Mamori.Domain;

/// <summary>A country or territory (ISO 3166-1 alpha-2).</summary>
public class Country
{
    public required string Code { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }
    /// <summary>IANA zone of the main business area, the default for sessions held there.</summary>
    public required string TimeZoneId { get; set; }
    /// <summary>Semicolon-separated BCP-47 codes of the official or business languages.</summary>
    public string Languages { get; set; } = "";
    public int SortOrder { get; set; }

    public List<Region> Regions { get; set; } = [];
}

/// <summary>A first-level administrative division (province, state, prefecture...).</summary>
public class Region
{
    /// <summary>ISO 3166-2 where one exists (CN-SH, TH-11), otherwise a stable code of our own.</summary>
    public required string Code { get; set; }
    public required string CountryCode { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }
    public string NameLocal { get; set; } = "";
    /// <summary>Set only when it differs from the country's zone.</summary>
    public string? TimeZoneId { get; set; }
    /// <summary>False for divisions that no longer exist (Vietnam before July 2025): kept for old records, not offered for new ones.</summary>
    public bool IsActive { get; set; } = true;

    public Country? Country { get; set; }
}

/// <summary>The 47 prefectures, in JIS X 0401 order, for the Japanese head office.</summary>
public static class Prefectures
{
    public static readonly IReadOnlyList<string> All =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
        "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
        "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
        "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
        "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
        "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    public static bool IsValid(string? name) => name is not null && All.Contains(name);
}

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
