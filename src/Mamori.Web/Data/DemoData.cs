using System.Security.Cryptography;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary>The FY2022 (令和4年度) program of the reference report, for Development only: the ten
/// supported companies with the bases and support periods the report lists (China 5, Thailand 3,
/// Indonesia 2; Vietnam targeted with no application), their sessions, and one account per role.
/// Company names are invented; the report itself only says A社 … J社.</summary>
public static class DemoData
{
    public const string AccountsFile = "demo-accounts.txt";

    private sealed record DemoCompany(
        string NameJa, string NameEn, string Prefecture, string Industry, SizeBand Size, int Headcount, long Capital,
        string BaseLocal, string BaseJa, BaseType Type, string Country, string Region, string City, int BaseHeadcount,
        DateOnly From, DateOnly To, string ExpertCode, DateTimeOffset Received, SupportMenu Menu, string Concerns,
        (string Date, string Start, string End, SessionType Type, SessionMode Mode, int Attendees, string Roles, string Hours)[] Sessions);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static DateTimeOffset Jst(int m, int d, int h, int min) => new DateTimeOffset(2022, m, d, h, min, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    private const SupportMenu Full = SupportMenu.Hearing | SupportMenu.Advice | SupportMenu.ContractDrafting | SupportMenu.SiteCheck | SupportMenu.Training;

    private static readonly DemoCompany[] Companies =
    [
        new("東邦精密工業株式会社", "Toho Precision Industries Co., Ltd.", "愛知県", "自動車部品製造", SizeBand.Small, 180, 90_000_000,
            "上海东邦精密机械有限公司", "上海東邦精密機械有限公司", BaseType.LocalCorporation, "CN", "CN-SH", "浦東新区", 120,
            D(2022, 10, 13), D(2023, 2, 17), "E001", Jst(8, 22, 10, 5), Full,
            "退職者による図面の持ち出しが心配。秘密保持契約が中国語版しかなく内容を把握できていない。",
            [("2022-10-13", "14:00", "16:00", SessionType.Hearing, SessionMode.Online, 3, "総経理、総務部長、本社海外事業部", "2"),
             ("2022-10-27", "10:00", "12:00", SessionType.Advice, SessionMode.OnSite, 2, "総経理、総務部長", "2"),
             ("2022-11-10", "09:00", "12:00", SessionType.SiteCheck, SessionMode.OnSite, 4, "製造部長、品質管理課長", "3"),
             ("2022-11-24", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "総務部長", "4"),
             ("2022-12-15", "14:00", "16:00", SessionType.ManagerTraining, SessionMode.OnSite, 12, "管理職", "2"),
             ("2023-01-12", "14:00", "17:00", SessionType.StaffTraining, SessionMode.OnSite, 45, "従業員", "3"),
             ("2023-02-02", "10:00", "12:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "総務部長", "2"),
             ("2023-02-17", "15:00", "16:00", SessionType.FollowUp, SessionMode.Online, 2, "総経理、総務部長", "1")]),
        new("株式会社北斗化成", "Hokuto Kasei Co., Ltd.", "大阪府", "樹脂成形品製造", SizeBand.Small, 95, 30_000_000,
            "苏州北斗化成塑料有限公司", "蘇州北斗化成プラスチック有限公司", BaseType.LocalCorporation, "CN", "CN-JS", "蘇州市", 80,
            D(2022, 10, 13), D(2023, 2, 17), "E002", Jst(8, 25, 14, 30), Full,
            "金型データと配合レシピの管理方法を見直したい。",
            [("2022-10-13", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 2, "董事長、管理部長", "2"),
             ("2022-11-08", "13:00", "16:00", SessionType.SiteCheck, SessionMode.OnSite, 3, "工場長、管理部長", "3"),
             ("2022-11-29", "10:00", "13:00", SessionType.Advice, SessionMode.Online, 2, "管理部長", "3"),
             ("2022-12-20", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "管理部長", "4"),
             ("2023-01-17", "14:00", "16:00", SessionType.StaffTraining, SessionMode.OnSite, 30, "従業員", "2"),
             ("2023-02-14", "10:00", "11:00", SessionType.FollowUp, SessionMode.Online, 2, "董事長、管理部長", "1")]),
        new("株式会社みなと電子", "Minato Electronics Co., Ltd.", "神奈川県", "電子部品製造", SizeBand.MidSize, 420, 150_000_000,
            "无锡港电子有限公司", "無錫港電子有限公司", BaseType.Factory, "CN", "CN-JS", "無錫市", 260,
            D(2022, 10, 19), D(2023, 2, 13), "E002", Jst(9, 1, 9, 12), SupportMenu.Hearing | SupportMenu.Advice | SupportMenu.ContractDrafting,
            "共有フォルダに誰でもアクセスできる。機密資料の区分が曖昧。",
            [("2022-10-19", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 3, "総経理、IT担当、総務", "2"),
             ("2022-11-16", "09:30", "12:30", SessionType.SiteCheck, SessionMode.OnSite, 3, "総経理、IT担当", "3"),
             ("2022-12-07", "14:00", "17:00", SessionType.Advice, SessionMode.Online, 2, "総経理、IT担当", "3"),
             ("2023-01-11", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "総務", "4"),
             ("2023-02-13", "10:00", "12:00", SessionType.ManagerTraining, SessionMode.OnSite, 15, "管理職", "2")]),
        new("大和フーズ機械株式会社", "Yamato Food Machinery Co., Ltd.", "静岡県", "食品機械製造", SizeBand.Small, 60, 20_000_000,
            "常州大和食品机械有限公司", "常州大和食品機械有限公司", BaseType.LocalCorporation, "CN", "CN-JS", "常州市", 35,
            D(2023, 2, 8), D(2023, 2, 9), "E002", Jst(12, 12, 16, 40), SupportMenu.Hearing | SupportMenu.Training,
            "現地採用の技術者に研修をしたい。",
            [("2023-02-08", "13:00", "16:00", SessionType.Hearing, SessionMode.OnSite, 2, "総経理、技術部長", "3"),
             ("2023-02-09", "09:00", "11:00", SessionType.StaffTraining, SessionMode.OnSite, 20, "技術者", "2")]),
        new("株式会社三陸金型", "Sanriku Mold Co., Ltd.", "宮城県", "金型製造", SizeBand.Small, 75, 10_000_000,
            "大连三陆模具有限公司", "大連三陸金型有限公司", BaseType.LocalCorporation, "CN", "CN-LN", "大連市", 50,
            D(2022, 11, 23), D(2023, 2, 14), "E001", Jst(9, 20, 11, 0), Full,
            "体制づくりから相談したい。",
            [("2022-11-23", "14:00", "16:00", SessionType.Hearing, SessionMode.Online, 2, "総経理、副総経理", "2"),
             ("2022-12-14", "10:00", "13:00", SessionType.Advice, SessionMode.Online, 2, "総経理", "3"),
             ("2023-01-18", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "副総経理", "4"),
             ("2023-02-14", "14:00", "16:00", SessionType.ManagerTraining, SessionMode.OnSite, 8, "管理職", "2")]),
        new("株式会社中部テクノ", "Chubu Techno Co., Ltd.", "岐阜県", "産業機械製造", SizeBand.Small, 140, 48_000_000,
            "Chubu Techno (Thailand) Co., Ltd.", "中部テクノ（タイランド）", BaseType.LocalCorporation, "TH", "TH-11", "バーンプリー郡", 90,
            D(2022, 11, 28), D(2023, 2, 17), "E003", Jst(9, 28, 15, 20), Full,
            "タイ人マネージャーの転職が多く、顧客情報の流出が心配。",
            [("2022-11-28", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 3, "社長、人事マネージャー、本社", "2"),
             ("2022-12-12", "09:00", "12:00", SessionType.SiteCheck, SessionMode.OnSite, 3, "社長、工場長", "3"),
             ("2023-01-09", "13:00", "16:00", SessionType.Advice, SessionMode.Online, 2, "社長、人事マネージャー", "3"),
             ("2023-01-23", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "人事マネージャー", "4"),
             ("2023-02-08", "14:00", "16:00", SessionType.StaffTraining, SessionMode.OnSite, 40, "従業員", "2"),
             ("2023-02-17", "10:00", "12:00", SessionType.FollowUp, SessionMode.Online, 2, "社長、人事マネージャー", "2")]),
        new("株式会社浪速化学", "Naniwa Chemical Co., Ltd.", "大阪府", "化学品製造", SizeBand.MidSize, 310, 200_000_000,
            "Naniwa Chemical (Thailand) Co., Ltd.", "浪速化学（タイランド）", BaseType.Factory, "TH", "TH-24", "バーンパコン郡", 150,
            D(2023, 2, 10), D(2023, 2, 17), "E003", Jst(12, 20, 10, 45), SupportMenu.Hearing | SupportMenu.Advice | SupportMenu.ContractDrafting,
            "IT管理の社内ルールと取引先管理を整えたい。",
            [("2023-02-10", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 3, "社長、IT担当、購買", "2"),
             ("2023-02-14", "13:00", "16:00", SessionType.Advice, SessionMode.OnSite, 3, "社長、IT担当、購買", "3"),
             ("2023-02-17", "10:00", "11:00", SessionType.FollowUp, SessionMode.Online, 2, "社長、IT担当", "1")]),
        new("信州精機株式会社", "Shinshu Seiki Co., Ltd.", "長野県", "精密機械製造", SizeBand.Small, 110, 40_000_000,
            "Shinshu Seiki (Thailand) Co., Ltd.", "信州精機（タイランド）", BaseType.LocalCorporation, "TH", "TH-24", "バーンパコン郡", 70,
            D(2023, 1, 31), D(2023, 2, 17), "E003", Jst(12, 2, 13, 10), SupportMenu.Hearing | SupportMenu.ContractDrafting | SupportMenu.Training,
            "就業規則の秘密保持条項が古い。社内標準を作りたい。",
            [("2023-01-31", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 2, "社長、総務マネージャー", "2"),
             ("2023-02-07", "13:00", "17:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "総務マネージャー", "4"),
             ("2023-02-17", "14:00", "16:00", SessionType.ManagerTraining, SessionMode.OnSite, 10, "管理職", "2")]),
        new("株式会社瀬戸内商事", "Setouchi Trading Co., Ltd.", "広島県", "機械部品卸売", SizeBand.Small, 45, 25_000_000,
            "PT Setouchi Trading Indonesia", "瀬戸内商事インドネシア", BaseType.LocalCorporation, "ID", "ID-JK", "南ジャカルタ", 25,
            D(2023, 1, 13), D(2023, 2, 16), "E004", Jst(11, 15, 9, 50), Full,
            "顧客リストと価格情報の管理。英語の契約書しかない。",
            [("2023-01-13", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 2, "社長、営業マネージャー", "2"),
             ("2023-01-27", "13:00", "16:00", SessionType.Advice, SessionMode.Online, 2, "社長", "3"),
             ("2023-02-06", "09:00", "12:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "社長", "3"),
             ("2023-02-16", "14:00", "16:00", SessionType.StaffTraining, SessionMode.OnSite, 18, "従業員", "2")]),
        new("北陸工業株式会社", "Hokuriku Kogyo Co., Ltd.", "富山県", "金属加工", SizeBand.Small, 160, 60_000_000,
            "PT Hokuriku Kogyo Indonesia", "北陸工業インドネシア", BaseType.Factory, "ID", "ID-JB", "ブカシ県チカラン", 130,
            D(2022, 12, 9), D(2023, 2, 16), "E004", Jst(10, 24, 17, 5), Full,
            "会社規則（PP）の更新時期。技術情報の持ち出し対策。",
            [("2022-12-09", "10:00", "12:00", SessionType.Hearing, SessionMode.Online, 3, "社長、HRD、工場長", "2"),
             ("2022-12-21", "09:00", "12:00", SessionType.SiteCheck, SessionMode.OnSite, 3, "工場長、HRD", "3"),
             ("2023-01-19", "13:00", "16:00", SessionType.Advice, SessionMode.Online, 2, "社長、HRD", "3"),
             ("2023-02-02", "13:00", "16:00", SessionType.DocumentDrafting, SessionMode.Online, 1, "HRD", "3"),
             ("2023-02-16", "09:00", "11:00", SessionType.ManagerTraining, SessionMode.OnSite, 14, "管理職", "2")]),
    ];

    private static readonly (string Code, string Name, string NameEn, string Firm, string Country, string Languages, string Office)[] Experts =
    [
        ("E001", "王 立明", "Wang Liming", "上海明正律師事務所", "CN", "zh;ja", "ジェトロ上海事務所"),
        ("E002", "陳 静", "Chen Jing", "蘇州華信律師事務所", "CN", "zh;ja;en", "ジェトロ上海事務所"),
        ("E003", "ソムチャイ・パーニット", "Somchai Phanit", "Siam Legal Partners", "TH", "th;en;ja", "ジェトロ・バンコク事務所"),
        ("E004", "デウィ・レスタリ", "Dewi Lestari", "Lestari & Partners", "ID", "id;en", "ジェトロ・ジャカルタ事務所"),
        ("E005", "グエン・ヴァン・ミン", "Nguyen Van Minh", "Minh & Associates", "VN", "vi;en;ja", "ジェトロ・ハノイ事務所"),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var dataDir = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            db.Database.IsSqlite() ? db.Database.GetConnectionString() : "Data Source=x").DataSource) ?? ".";
        var accountsPath = Path.Combine(dataDir.Length == 0 ? "." : dataDir, AccountsFile);
        if (await db.FiscalYears.AnyAsync() || await db.Users.AnyAsync())
        {
            if (File.Exists(accountsPath))
            {
                logger.LogInformation("Demo accounts (Development only):{NewLine}{Accounts}", Environment.NewLine, await File.ReadAllTextAsync(accountsPath));
            }
            return;
        }
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var year = await LoadProgramAsync(db, now);
        await LoadDiagnosesAsync(db, year);

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var twoFactor = services.GetRequiredService<TwoFactorAccounts>();
        var lines = new List<string>();
        await CreateAsync(users, twoFactor, "admin@demo.mamori.example", "管理者（デモ）", Roles.Administrator, null, now, lines);
        await CreateAsync(users, twoFactor, "coordinator@demo.mamori.example", "事務局 佐藤（デモ）", Roles.Coordinator, null, now, lines);
        var expertUser = await CreateAsync(users, twoFactor, "expert@demo.mamori.example", "王 立明（専門家）", Roles.Expert, null, now, lines);
        var lead = await db.Experts.SingleAsync(e => e.Code == "E001");
        lead.UserId = expertUser.Id;
        var companyA = await db.Companies.SingleAsync(c => c.Code == "C0001");
        await CreateAsync(users, twoFactor, "company@demo.mamori.example", "東邦精密工業 山田（企業）", Roles.CompanyUser, companyA.Id, now, lines);
        await db.SaveChangesAsync();

        var text = string.Join(Environment.NewLine, lines);
        await File.WriteAllTextAsync(accountsPath, text + Environment.NewLine);
        logger.LogInformation("Loaded the demo program {Year} and created demo accounts (Development only):{NewLine}{Accounts}",
            year.WarekiLabel, Environment.NewLine, text);
    }

    /// <summary>Writes the FY2022 program (year, companies, bases, experts, applications, engagements,
    /// sessions) into the database through the domain rules. Returns the fiscal year.</summary>
    public static async Task<FiscalYear> LoadProgramAsync(AppDbContext db, DateTimeOffset now)
    {
        var year = new FiscalYear
        {
            StartYear = 2022,
            OfficialName = "令和4年度重要技術管理体制強化事業（中小企業アウトリーチ事業（営業秘密漏えい対策））",
            Sponsor = "経済産業省 経済産業政策局 知的財産政策室",
            Implementer = "独立行政法人日本貿易振興機構 イノベーション・知的財産部",
            RecruitmentStart = D(2022, 7, 13),
            RecruitmentEnd = D(2023, 1, 31),
            SupportStart = D(2022, 10, 13),
            SupportEnd = D(2023, 2, 17),
            TargetCountries =
            [
                new TargetCountry { CountryCode = "CN", Quota = 5 },
                new TargetCountry { CountryCode = "TH", Quota = 3 },
                new TargetCountry { CountryCode = "VN", Quota = 2, Note = "応募実績なし" },
                new TargetCountry { CountryCode = "ID", Quota = 2 },
            ],
        };
        db.FiscalYears.Add(year);

        var experts = Experts.Select(e => new Expert
        {
            Code = e.Code, Name = e.Name, NameEn = e.NameEn, Firm = e.Firm, Languages = e.Languages, ContractingOffice = e.Office,
            Email = e.NameEn.ToLowerInvariant().Replace(' ', '.') + "@example.com",
            Countries = [new ExpertCountry { CountryCode = e.Country }],
        }).ToDictionary(e => e.Code);
        db.Experts.AddRange(experts.Values);
        await db.SaveChangesAsync();

        var sequenceByCountry = new Dictionary<string, int>();
        var ordered = Companies.Select((c, i) => (c, i)).OrderBy(x => x.c.Received).ToList();
        var applicationNumber = 0;
        var companies = new Dictionary<int, Company>();
        for (var i = 0; i < Companies.Length; i++)
        {
            var c = Companies[i];
            var code = Company.FormatCode(i + 1);
            var company = new Company
            {
                Code = code, NameJa = c.NameJa, NameEn = c.NameEn, NameKey = Company.MakeNameKey(c.NameJa), Prefecture = c.Prefecture,
                Industry = c.Industry, SizeBand = c.Size, Headcount = c.Headcount, CapitalYen = c.Capital, CreatedAt = c.Received,
                Bases =
                [
                    new Base
                    {
                        Code = Base.FormatCode(code, 1), NameLocal = c.BaseLocal, NameJa = c.BaseJa, Type = c.Type, CountryCode = c.Country,
                        RegionCode = c.Region, City = c.City, Headcount = c.BaseHeadcount,
                    },
                ],
                Contacts =
                [
                    new Contact { Name = "山田 太郎", Department = "海外事業部", Title = "部長", Email = $"yamada@{code.ToLowerInvariant()}.example.jp", Language = "ja" },
                ],
            };
            company.RefreshKeys();
            db.Companies.Add(company);
            companies[i] = company;
        }
        await db.SaveChangesAsync();

        foreach (var (c, i) in ordered)
        {
            var company = companies[i];
            var baseRecord = company.Bases[0];
            db.Contacts.Add(new Contact
            {
                CompanyId = company.Id, BaseId = baseRecord.Id, Name = c.Country switch { "CN" => "張 偉", "TH" => "Kanya S.", _ => "Budi S." },
                Department = "総務", Title = "マネージャー", Language = c.Country switch { "CN" => "zh", "TH" => "th", _ => "id" },
            });
            var application = new Domain.Application
            {
                Number = Domain.Application.FormatNumber(2022, ++applicationNumber), FiscalYearId = year.Id, CompanyId = company.Id,
                BaseId = baseRecord.Id, CountryCode = c.Country, ReceivedAt = c.Received, Channel = ApplicationChannel.PublicForm,
                Menu = c.Menu, Concerns = c.Concerns, ConsentDataHandling = true, ConsentSurvey = true,
                ConsentCasePublication = i % 3 == 0, ConsentSeminarSpeaking = i % 4 == 0,
                InformationAssets =
                [
                    new InformationAsset { Order = 1, Name = "製品図面・仕様書", Category = InformationCategory.Technical, Medium = InformationMedium.Both, StorageLocation = "設計部サーバー、設計室キャビネット", AccessibleBy = "設計部員", IsMarked = i % 2 == 0 },
                    new InformationAsset { Order = 2, Name = "顧客リスト・取引価格", Category = InformationCategory.Business, Medium = InformationMedium.Electronic, StorageLocation = "営業共有フォルダ", AccessibleBy = "営業部員、管理職" },
                ],
            };
            db.Applications.Add(application);
            application.ChangeStatus(ApplicationStatus.Screening, null, null, "事務局 佐藤", c.Received.AddDays(2));
            var seq = sequenceByCountry[c.Country] = sequenceByCountry.GetValueOrDefault(c.Country) + 1;
            var engagement = application.Accept(year, Engagement.FormatNumber(2022, c.Country, seq), "先着順・要件確認済み", null, "事務局 佐藤", c.Received.AddDays(7));
            engagement.SupportStart = c.From;
            engagement.SupportEnd = c.To;
            engagement.Experts.Add(new EngagementExpert { Expert = experts[c.ExpertCode], IsLead = true });
            var zone = await db.Countries.Where(x => x.Code == c.Country).Select(x => x.TimeZoneId).SingleAsync();
            foreach (var s in c.Sessions)
            {
                var session = new EngagementSession
                {
                    Engagement = engagement, Expert = experts[c.ExpertCode], TimeZoneId = zone, Type = s.Type, Mode = s.Mode,
                    AttendeeCount = s.Attendees, AttendeeRoles = s.Roles, Language = c.Country == "ID" ? "id" : "ja",
                    Summary = EngagementSession.TypeNameJa(s.Type) + "を実施。",
                };
                session.SetTimes(DateOnly.Parse(s.Date, System.Globalization.CultureInfo.InvariantCulture),
                    TimeOnly.Parse(s.Start, System.Globalization.CultureInfo.InvariantCulture),
                    TimeOnly.Parse(s.End, System.Globalization.CultureInfo.InvariantCulture), zone,
                    Durations.FromHours(decimal.Parse(s.Hours, System.Globalization.CultureInfo.InvariantCulture)));
                engagement.Record(SessionChange.Logged, session);
            }
            engagement.Status = c.To < DateOnly.FromDateTime(now.UtcDateTime) ? EngagementStatus.Completed : EngagementStatus.Active;
        }
        await db.SaveChangesAsync();
        return year;
    }

    /// <summary>A completed hearing for every demo engagement (answers drawn from a fixed seed, so every start looks the
    /// same) and improvement plan items from its top gaps, with the statuses a closed year would have.</summary>
    public static async Task LoadDiagnosesAsync(AppDbContext db, FiscalYear year)
    {
        var version = await db.CatalogueVersions.AsNoTracking().Include(v => v.Sections).Include(v => v.Items)
            .OrderByDescending(v => v.Number).FirstAsync();
        var engagements = await db.Engagements.Include(e => e.Base).Where(e => e.FiscalYearId == year.Id).OrderBy(e => e.Number).ToListAsync();
        var random = new Random(2022);
        string[] scale = [ScaleAnswers.Yes, ScaleAnswers.Yes, ScaleAnswers.Partly, ScaleAnswers.No, ScaleAnswers.Unknown];
        foreach (var e in engagements)
        {
            var scope = new DiagnosisScope(new Dictionary<string, int?> { [e.CountryCode] = e.Base?.Headcount });
            var at = (e.SupportStart ?? year.SupportStart ?? new DateOnly(2022, 10, 13)).ToDateTime(new TimeOnly(10, 0));
            var when = new DateTimeOffset(at, TimeSpan.Zero).AddDays(14);
            var diagnosis = new Diagnosis
            {
                Kind = DiagnosisKind.ExpertHearing, Status = DiagnosisStatus.Completed, CatalogueVersionId = version.Id, CompanyId = e.CompanyId,
                EngagementId = e.Id, Scope = scope.ToString(), StartedAt = when, UpdatedAt = when, CompletedAt = when, CreatedByName = "デモ専門家",
                Version = Guid.NewGuid(),
            };
            foreach (var item in version.Items.Where(i => i.AppliesTo(scope)))
            {
                var value = item.Type switch
                {
                    AnswerType.Scale => scale[random.Next(scale.Length)],
                    AnswerType.Choice => item.Options[random.Next(item.Options.Count)].Key,
                    AnswerType.Number => (random.Next(0, 11) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => "製品図面と顧客別の価格表",
                };
                diagnosis.Answers.Add(new DiagnosisAnswer { ItemKey = item.Key, Value = value, UpdatedAt = when });
            }
            var result = new Mamori.Web.Pages.Diagnoses.CatalogueSnapshot(version).Score(diagnosis.AnswerMap(), scope);
            diagnosis.TotalScore = result.Total;
            db.Diagnoses.Add(diagnosis);
            await db.SaveChangesAsync();
            PlanItemStatus[] statuses = e.Status == EngagementStatus.Completed
                ? [PlanItemStatus.Introduced, PlanItemStatus.Introduced, PlanItemStatus.StartedConsidering, PlanItemStatus.NotPlanned]
                : [PlanItemStatus.Decided, PlanItemStatus.Proposed, PlanItemStatus.Proposed, PlanItemStatus.Proposed];
            foreach (var (gap, i) in result.Gaps.Take(4).Select((g, i) => (g, i)))
            {
                db.PlanItems.Add(new PlanItem
                {
                    EngagementId = e.Id, DiagnosisId = diagnosis.Id, ItemKey = gap.Item.Key, Measure = gap.Item.RecommendationJa,
                    Owner = i % 2 == 0 ? "総務部" : "現地法人 管理部", DueDate = e.SupportEnd, Priority = i < 2 ? PlanPriority.High : PlanPriority.Medium,
                    Status = statuses[i], StatusChangedAt = when.AddDays(30 + i), CreatedAt = when, Version = Guid.NewGuid(),
                });
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A demo account. Staff and experts get an authenticator key, printed next to the password so a newcomer
    /// can add it to an app (or run scripts/totp.py KEY) and sign in; the company user has no second factor, which is
    /// optional for that role. Development only: Production never creates demo accounts.</summary>
    private static async Task<ApplicationUser> CreateAsync(UserManager<ApplicationUser> users, TwoFactorAccounts twoFactor, string email, string name, string role, int? companyId, DateTimeOffset now, List<string> lines)
    {
        var password = "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CompanyId = companyId, CreatedAt = now };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        if (Roles.RequiresTwoFactor([role]))
        {
            var key = Totp.NewKey();
            await twoFactor.EnableAsync(user, key);
            lines.Add($"  {Roles.NameJa(role),-8} {email}  {password}  authenticator key {key}");
        }
        else
        {
            lines.Add($"  {Roles.NameJa(role),-8} {email}  {password}");
        }
        return user;
    }
}
