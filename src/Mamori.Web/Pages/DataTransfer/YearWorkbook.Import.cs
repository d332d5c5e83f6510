using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Microsoft.EntityFrameworkCore;
using S = Mamori.Web.Pages.DataTransfer.WorkbookSchema;

namespace Mamori.Web.Pages.DataTransfer;

public sealed partial class YearWorkbook
{
    /// <summary>The sheets of the file and what the sheets read so far have built, which later sheets refer to by
    /// code or number. Entities are tracked as they are built and saved only if no sheet had a problem.</summary>
    private sealed class ImportState(IReadOnlyDictionary<string, SheetReader> sheets, List<ImportError> errors)
    {
        public List<ImportError> Errors { get; } = errors;
        public required DateTimeOffset Now { get; init; }
        public required HashSet<string> Countries { get; init; }
        public required IReadOnlyList<Lookups.RegionItem> Regions { get; init; }
        public required IReadOnlyList<string> Zones { get; init; }
        public FiscalYear Year { get; set; } = new() { OfficialName = "" };
        public int? StartYear { get; set; }
        public Dictionary<string, Company> Companies { get; } = [];
        /// <summary>Companies this import creates: only they receive the contacts of the sheet.</summary>
        public HashSet<string> NewCompanies { get; } = [];
        public Dictionary<string, Base> Bases { get; } = [];
        public Dictionary<string, Expert> Experts { get; } = [];
        public Dictionary<string, Expert> ExistingExperts { get; set; } = [];
        public Dictionary<string, Application> Applications { get; } = [];
        /// <summary>Links to original applications, made once every application of the sheet is known.</summary>
        public List<(Application Application, string Number, WorkbookRow Row)> DuplicateOf { get; } = [];
        public Dictionary<string, Engagement> Engagements { get; } = [];
        public int SessionCount { get; set; }

        public SheetReader this[SheetLayout layout] => sheets[layout.Name];

        /// <summary>An expert of the sheet, or one already in the database (a session may name either).</summary>
        public Expert? FindExpert(SheetReader reader, WorkbookRow row, string column, string code)
        {
            if (Experts.TryGetValue(code, out var e) || ExistingExperts.TryGetValue(code, out e))
            {
                return e;
            }
            reader.Error(row, column, "専門家コード「{0}」は専門家シートにありません。", code);
            return null;
        }
    }

    private sealed record Plan(FiscalYear Year, Dictionary<string, int> Counts);

    private static readonly char[] ListSeparators = [';', ',', '、'];

    /// <summary>How many sessions one save of an import handles at most (plus one engagement's): a save's memory grows
    /// with the records it writes.</summary>
    private const int SessionsPerSave = 5_000;

    /// <summary>Reads and checks the whole workbook, then writes it in one transaction — or writes nothing
    /// and returns every problem found (up to <see cref="ImportError.MaxShown"/>), each with sheet, row and column.</summary>
    public async Task<ImportResult> ImportAsync(Stream input, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        if (await WorkbookFile.OpenAsync(input, errors, ct) is not { } file)
        {
            return Fail(errors);
        }
        var sheets = S.All.ToDictionary(s => s.Name, file.Read);
        if (errors.Count > 0)
        {
            return Fail(errors);
        }
        var state = new ImportState(sheets, errors)
        {
            Now = time.GetUtcNow(),
            Countries = (await lookups.CountriesAsync()).Select(c => c.Code).ToHashSet(),
            Regions = await lookups.RegionsAsync(),
            Zones = await lookups.TimeZonesAsync(),
        };
        // One transaction; the records are saved sheet group by sheet group while no problem has been found, and
        // rolled back if one is found later. One audit row for the year, with what was written and the digest of
        // the file it came from, is committed with them.
        Plan? plan = null;
        await db.BulkChangeAsync(async token =>
        {
            plan = await BuildAsync(state, token);
            return plan is null ? null : new BulkChange(AuditActions.Import, "FiscalYear", () => plan.Year.Id.ToString(Inv),
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["counts"] = plan.Counts,
                    ["file"] = new Dictionary<string, object> { ["bytes"] = file.Length, ["sha256"] = file.Sha256 },
                }, AppDbContext.AuditJson));
        }, ct);
        return plan is null ? Fail(errors) : new ImportResult([], plan.Counts, plan.Year.Id);
    }

    private static ImportResult Fail(List<ImportError> errors) => new([.. errors.Take(ImportError.MaxShown)], new Dictionary<string, int>(), null);

    /// <summary>Checks every row and prepares the entities, one sheet after another in the order their references
    /// need, saving each group of sheets while no problem has been found (inside the caller's transaction). Null when
    /// anything was wrong: the caller rolls back.</summary>
    private async Task<Plan?> BuildAsync(ImportState state, CancellationToken ct)
    {
        if (!await ReadYearAsync(state, ct))
        {
            return null;
        }
        ReadTargets(state);
        CheckYear(state);
        await ReadCompaniesAsync(state, ct);
        ReadBases(state);
        foreach (var company in state.Companies.Values)
        {
            company.RefreshKeys();
            if (company.Id == 0)
            {
                db.Companies.Add(company);
            }
        }
        ReadContacts(state);
        await SaveWhileValidAsync(state, ct);
        await ReadExpertsAsync(state, ct);
        db.FiscalYears.Add(state.Year);
        await SaveWhileValidAsync(state, ct);
        await ReadApplicationsAsync(state, ct);
        ReadAssets(state);
        ReadHistory(state);
        await SaveWhileValidAsync(state, ct);
        await ReadEngagementsAsync(state, ct);
        LinkDuplicates(state);
        await SaveWhileValidAsync(state, ct);
        await ReadSessionsAsync(state, ct);
        if (state.Errors.Count > 0)
        {
            return null;
        }
        return new Plan(state.Year, new Dictionary<string, int>
        {
            ["企業"] = state.Companies.Count, ["拠点"] = state.Bases.Count, ["専門家"] = state.Experts.Count, ["応募"] = state.Applications.Count,
            ["個別支援"] = state.Engagements.Count, ["活動記録"] = state.SessionCount,
        });
    }

    /// <summary>Saves what the sheets read so far built, so that no one save handles the whole year (one save of a
    /// large year held about 450 MB more); once a problem has been found nothing more is written, and the caller rolls
    /// back what was.</summary>
    private async Task SaveWhileValidAsync(ImportState state, CancellationToken ct)
    {
        if (state.Errors.Count == 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>年度: exactly one row, for a year the database does not have yet.</summary>
    private async Task<bool> ReadYearAsync(ImportState state, CancellationToken ct)
    {
        var yr = state[S.Year];
        if (yr.Rows.Count != 1)
        {
            state.Errors.Add(new ImportError(S.Year.Name, null, null, "年度シートには1行だけ入力してください。"));
            return false;
        }
        var row = yr.Rows[0];
        state.StartYear = yr.Int(row, "年度", 1989, 2200, required: true);
        state.Year = new FiscalYear
        {
            StartYear = state.StartYear ?? 0,
            OfficialName = yr.Text(row, "事業名", 300, required: true),
            Sponsor = yr.Text(row, "委託元", 200),
            Implementer = yr.Text(row, "実施機関", 200),
            RecruitmentStart = yr.Date(row, "募集開始日"),
            RecruitmentEnd = yr.Date(row, "募集終了日"),
            SupportStart = yr.Date(row, "支援開始日"),
            SupportEnd = yr.Date(row, "支援終了日"),
            AllowanceMinutes = yr.Hours(row, "支援時間枠（時間）", true, 200) ?? FiscalYear.DefaultAllowanceMinutes,
            SetupConsultationMinutes = yr.Hours(row, "拠点設立相談（時間）", false, 10) ?? FiscalYear.DefaultSetupConsultationMinutes,
        };
        if (state.StartYear is { } sy && await db.FiscalYears.AnyAsync(f => f.StartYear == sy, ct))
        {
            yr.Error(row, "年度", "{0}年度は既に登録されています。年度の取込は、その年度がないデータベースに対してだけ行えます。", sy);
        }
        return true;
    }

    /// <summary>対象国: registered countries, each once.</summary>
    private static void ReadTargets(ImportState state)
    {
        var tr = state[S.Targets];
        var seen = new HashSet<string>();
        foreach (var row in tr.Rows)
        {
            var code = tr.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (code.Length > 0 && !state.Countries.Contains(code))
            {
                tr.Error(row, "国コード", "国コード「{0}」は登録されていません。", code);
            }
            else if (code.Length > 0 && !seen.Add(code))
            {
                tr.Error(row, "国コード", "国コード「{0}」が重複しています。", code);
            }
            state.Year.TargetCountries.Add(new TargetCountry { CountryCode = code, Quota = tr.Int(row, "目標社数", 0, 1000), Note = tr.Text(row, "備考", 200) });
        }
    }

    /// <summary>The year's own rules (the same the year page applies), each at the column it concerns.</summary>
    private static void CheckYear(ImportState state)
    {
        var yr = state[S.Year];
        foreach (var (field, message) in state.Year.Validate().Where(p => p.Field != nameof(FiscalYear.TargetCountries)))
        {
            var column = field switch
            {
                nameof(FiscalYear.RecruitmentEnd) => "募集終了日",
                nameof(FiscalYear.SupportStart) => "支援開始日",
                nameof(FiscalYear.SupportEnd) => "支援終了日",
                nameof(FiscalYear.OfficialName) => "事業名",
                nameof(FiscalYear.AllowanceMinutes) => "支援時間枠（時間）",
                nameof(FiscalYear.SetupConsultationMinutes) => "拠点設立相談（時間）",
                _ => "年度",
            };
            // An unreadable 年度 was reported already; its "out of range" would only repeat it.
            if (state.StartYear is not null || column != "年度")
            {
                yr.Error(yr.Rows[0], column, message.Format, message.Arguments);
            }
        }
    }

    /// <summary>企業: matched by code to the database (updated) or new.</summary>
    private async Task ReadCompaniesAsync(ImportState state, CancellationToken ct)
    {
        var cr = state[S.Companies];
        var existing = await db.Companies.Include(c => c.Bases).ToDictionaryAsync(c => c.Code, ct);
        foreach (var row in cr.Rows)
        {
            var code = cr.Text(row, "企業コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (state.Companies.ContainsKey(code))
            {
                cr.Error(row, "企業コード", "企業コード「{0}」が重複しています。", code);
                continue;
            }
            var prefecture = cr.Text(row, "都道府県", 10, required: true);
            if (prefecture.Length > 0 && !Prefectures.IsValid(prefecture))
            {
                cr.Error(row, "都道府県", "「{0}」は都道府県名ではありません（例: 東京都、大阪府、愛知県）。", prefecture);
            }
            if (!existing.TryGetValue(code, out var company))
            {
                company = new Company { Code = code, NameJa = "", CreatedAt = state.Now };
                state.NewCompanies.Add(code);
            }
            company.NameJa = cr.Text(row, "企業名", 200, required: true);
            company.NameEn = cr.Text(row, "企業名（英語）", 200);
            company.Prefecture = prefecture;
            company.Industry = cr.Text(row, "業種", 100);
            company.SizeBand = cr.Choice(row, "規模", Enum.GetValues<SizeBand>(), Names.Of) ?? SizeBand.Small;
            company.Headcount = cr.Int(row, "従業員数", 0, 10_000_000);
            company.CapitalYen = cr.Long(row, "資本金（円）");
            company.IsProvisional = cr.Bool(row, "仮登録");
            state.Companies[code] = company;
        }
    }

    /// <summary>拠点: each of a company of the 企業 sheet; a code already in the database must be that company's.</summary>
    private static void ReadBases(ImportState state)
    {
        var br = state[S.Bases];
        var existing = state.Companies.Values.SelectMany(c => c.Bases).ToDictionary(b => b.Code);
        foreach (var row in br.Rows)
        {
            var code = br.Text(row, "拠点コード", 16, required: true);
            var companyCode = br.Text(row, "企業コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (state.Bases.ContainsKey(code))
            {
                br.Error(row, "拠点コード", "拠点コード「{0}」が重複しています。", code);
                continue;
            }
            if (!state.Companies.TryGetValue(companyCode, out var company))
            {
                br.Error(row, "企業コード", "企業コード「{0}」は企業シートにありません。", companyCode);
                continue;
            }
            if (existing.TryGetValue(code, out var known) && known.CompanyId != company.Id)
            {
                br.Error(row, "拠点コード", "拠点コード「{0}」は別の企業の拠点として登録されています。", code);
                continue;
            }
            var b = known ?? new Base { Code = code, NameJa = "", CountryCode = "" };
            b.NameJa = br.Text(row, "拠点名", 200, required: true);
            b.NameLocal = br.Text(row, "拠点名（現地語）", 200);
            b.Type = br.Choice(row, "種別", Enum.GetValues<BaseType>(), Names.Of) ?? BaseType.LocalCorporation;
            var country = br.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (country.Length > 0 && !state.Countries.Contains(country))
            {
                br.Error(row, "国コード", "国コード「{0}」は登録されていません。", country);
            }
            var region = br.Text(row, "州・省コード", 12);
            CheckRegion(state, br, row, region, country);
            b.CountryCode = country;
            b.RegionCode = region.Length == 0 ? null : region;
            b.City = br.Text(row, "市・地区", 100);
            b.Headcount = br.Int(row, "従業員数", 0, 10_000_000);
            if (known is null)
            {
                company.Bases.Add(b);
            }
            state.Bases[code] = b;
        }
    }

    private static void CheckRegion(ImportState state, SheetReader br, WorkbookRow row, string region, string country)
    {
        if (region.Length == 0)
        {
            return;
        }
        var r = state.Regions.FirstOrDefault(x => x.Code == region);
        if (r is null)
        {
            br.Error(row, "州・省コード", "州・省コード「{0}」は登録されていません。", region);
        }
        else if (r.CountryCode != country)
        {
            br.Error(row, "州・省コード", "州・省コード「{0}」は国コード「{1}」の地域ではありません。", region, country);
        }
    }

    /// <summary>担当者: of a company of the sheet, optionally of one of its bases.</summary>
    private static void ReadContacts(ImportState state)
    {
        var pr = state[S.Contacts];
        foreach (var row in pr.Rows)
        {
            var companyCode = pr.Text(row, "企業コード", 12, required: true);
            var baseCode = pr.Text(row, "拠点コード", 16);
            if (!state.Companies.TryGetValue(companyCode, out var company))
            {
                pr.Error(row, "企業コード", "企業コード「{0}」は企業シートにありません。", companyCode);
                continue;
            }
            Base? b = null;
            if (baseCode.Length > 0 && (!state.Bases.TryGetValue(baseCode, out b) || !company.Bases.Contains(b)))
            {
                pr.Error(row, "拠点コード", "拠点コード「{0}」はこの企業の拠点ではありません。", baseCode);
                continue;
            }
            var language = pr.Text(row, "言語", 10);
            if (language.Length > 0 && !Languages.IsValid(language))
            {
                pr.Error(row, "言語", "言語コード「{0}」は使えません（ja, en, zh, th, vi, id …）。", language);
            }
            var contact = new Contact
            {
                Name = pr.Text(row, "氏名", 100, required: true), Base = b, Department = pr.Text(row, "部署", 100), Title = pr.Text(row, "役職", 100),
                Email = pr.Text(row, "メール", 200), Phone = pr.Text(row, "電話", 40), Language = language.Length == 0 ? "ja" : language,
            };
            // Contacts of companies already in the database are left as they are (they have no key to match on).
            if (state.NewCompanies.Contains(companyCode))
            {
                company.Contacts.Add(contact);
            }
        }
    }

    /// <summary>専門家: matched by code to the database (updated) or new; their countries replace the stored ones.</summary>
    private async Task ReadExpertsAsync(ImportState state, CancellationToken ct)
    {
        var er = state[S.Experts];
        state.ExistingExperts = await db.Experts.Include(e => e.Countries).ToDictionaryAsync(e => e.Code, ct);
        foreach (var row in er.Rows)
        {
            var code = er.Text(row, "専門家コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (state.Experts.ContainsKey(code))
            {
                er.Error(row, "専門家コード", "専門家コード「{0}」が重複しています。", code);
                continue;
            }
            var expert = state.ExistingExperts.GetValueOrDefault(code) ?? db.Experts.Add(new Expert { Code = code, Name = "" }).Entity;
            expert.Name = er.Text(row, "氏名", 100, required: true);
            expert.NameEn = er.Text(row, "氏名（英語）", 100);
            expert.Firm = er.Text(row, "所属", 200);
            var codes = er.Text(row, "担当国", 60, required: true).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).Distinct().ToList();
            foreach (var c in codes.Where(c => !state.Countries.Contains(c)))
            {
                er.Error(row, "担当国", "国コード「{0}」は登録されていません。", c);
            }
            expert.Countries.RemoveAll(c => !codes.Contains(c.CountryCode));
            foreach (var c in codes.Where(c => expert.Countries.All(x => x.CountryCode != c)))
            {
                expert.Countries.Add(new ExpertCountry { CountryCode = c });
            }
            var langs = er.Text(row, "言語", 60).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            foreach (var l in langs.Where(l => !Languages.IsValid(l)))
            {
                er.Error(row, "言語", "言語コード「{0}」は使えません。", l);
            }
            expert.Languages = string.Join(";", langs);
            expert.Email = er.Text(row, "メール", 200);
            expert.Phone = er.Text(row, "電話", 40);
            expert.ContractingOffice = er.Text(row, "契約事務所", 100);
            expert.IsActive = er.Bool(row, "有効");
            state.Experts[code] = expert;
        }
    }

    /// <summary>応募: new numbers only, each for a base of its company.</summary>
    private async Task ReadApplicationsAsync(ImportState state, CancellationToken ct)
    {
        var ar = state[S.Applications];
        var numbersInDb = await db.Applications.Select(a => a.Number).ToListAsync(ct);
        foreach (var row in ar.Rows)
        {
            var number = ar.Text(row, "受付番号", 16, required: true);
            if (number.Length == 0)
            {
                continue;
            }
            if (state.Applications.ContainsKey(number) || numbersInDb.Contains(number))
            {
                ar.Error(row, "受付番号", "受付番号「{0}」が重複しています。", number);
                continue;
            }
            var companyCode = ar.Text(row, "企業コード", 12, required: true);
            var baseCode = ar.Text(row, "拠点コード", 16, required: true);
            if (CompanyAndBase(state, ar, row, companyCode, baseCode) is not var (company, b))
            {
                continue;
            }
            var application = new Application
            {
                Number = number, FiscalYear = state.Year, Company = company, Base = b, CountryCode = b.CountryCode,
                ReceivedAt = ar.Instant(row, "受付日時", required: true) ?? state.Now,
                Channel = ar.Choice(row, "経路", Enum.GetValues<ApplicationChannel>(), Names.Of, required: false) ?? ApplicationChannel.Import,
                Menu = ReadMenu(ar, row), Concerns = ar.Text(row, "相談内容", 4000),
                Status = ar.Choice(row, "状態", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                ConsentDataHandling = ar.Bool(row, "同意_情報の取扱い"), ConsentSurvey = ar.Bool(row, "同意_アンケート"),
                ConsentCasePublication = ar.Bool(row, "同意_事例公表"), ConsentSeminarSpeaking = ar.Bool(row, "同意_セミナー登壇"),
            };
            if (ar.Text(row, "重複元の受付番号", 16) is { Length: > 0 } dup)
            {
                state.DuplicateOf.Add((application, dup, row));
            }
            state.Applications[number] = application;
            db.Applications.Add(application);
        }
    }

    /// <summary>The company and base the row's codes name, the base being one of that company's; null (reported) otherwise.</summary>
    private static (Company Company, Base Base)? CompanyAndBase(ImportState state, SheetReader reader, WorkbookRow row, string companyCode, string baseCode)
    {
        if (!state.Companies.TryGetValue(companyCode, out var company))
        {
            reader.Error(row, "企業コード", "企業コード「{0}」は企業シートにありません。", companyCode);
            return null;
        }
        if (!state.Bases.TryGetValue(baseCode, out var b) || !company.Bases.Contains(b))
        {
            reader.Error(row, "拠点コード", "拠点コード「{0}」はこの企業の拠点ではありません。", baseCode);
            return null;
        }
        return (company, b);
    }

    private static SupportMenu ReadMenu(SheetReader ar, WorkbookRow row)
    {
        var menu = SupportMenu.None;
        foreach (var part in ar.Text(row, "希望する支援", 200).Split([';', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = Names.MenuItems.FirstOrDefault(i => Names.MenuLabel(i.Flag) == part || i.Ja == part || i.Flag.ToString() == part);
            if (item.Flag == SupportMenu.None)
            {
                ar.Error(row, "希望する支援", "「{0}」は選べません（{1}）。", part, string.Join("; ", Names.MenuItems.Select(i => Names.MenuLabel(i.Flag))));
            }
            menu |= item.Flag;
        }
        return menu;
    }

    /// <summary>保有情報: the information assets of applications of the sheet.</summary>
    private static void ReadAssets(ImportState state)
    {
        var reader = state[S.Assets];
        foreach (var row in reader.Rows)
        {
            if (ApplicationOf(state, reader, row) is not { } application)
            {
                continue;
            }
            application.InformationAssets.Add(new InformationAsset
            {
                Order = reader.Int(row, "順番", 1, 10000) ?? application.InformationAssets.Count + 1,
                Name = reader.Text(row, "情報の名称", 200, required: true),
                Category = reader.Choice(row, "区分", Enum.GetValues<InformationCategory>(), Names.Of) ?? InformationCategory.Other,
                Medium = reader.Choice(row, "媒体", Enum.GetValues<InformationMedium>(), Names.Of) ?? InformationMedium.Both,
                StorageLocation = reader.Text(row, "保管場所", 200), AccessibleBy = reader.Text(row, "アクセスできる人", 200),
                IsMarked = reader.Bool(row, "秘密表示"),
            });
        }
    }

    /// <summary>応募履歴: the status changes of applications of the sheet.</summary>
    private static void ReadHistory(ImportState state)
    {
        var hr = state[S.History];
        foreach (var row in hr.Rows)
        {
            if (ApplicationOf(state, hr, row) is not { } application)
            {
                continue;
            }
            application.StatusChanges.Add(new ApplicationStatusChange
            {
                At = hr.Instant(row, "日時", required: true) ?? state.Now,
                From = hr.Choice(row, "変更前", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                To = hr.Choice(row, "変更後", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                UserName = hr.Text(row, "変更者", 256), Reason = hr.Text(row, "理由", 1000),
            });
        }
    }

    private static Application? ApplicationOf(ImportState state, SheetReader reader, WorkbookRow row)
    {
        var number = reader.Text(row, "受付番号", 16, required: true);
        if (state.Applications.TryGetValue(number, out var application))
        {
            return application;
        }
        reader.Error(row, "受付番号", "受付番号「{0}」は応募シートにありません。", number);
        return null;
    }

    /// <summary>個別支援: new numbers only, one per company and country in the year, for a base of the company in that country.</summary>
    private async Task ReadEngagementsAsync(ImportState state, CancellationToken ct)
    {
        var gr = state[S.Engagements];
        var numbersInDb = await db.Engagements.Select(e => e.Number).ToListAsync(ct);
        var companyCountries = new HashSet<(string, string)>();
        foreach (var row in gr.Rows)
        {
            var number = gr.Text(row, "支援番号", 16, required: true);
            if (number.Length == 0)
            {
                continue;
            }
            if (state.Engagements.ContainsKey(number) || numbersInDb.Contains(number))
            {
                gr.Error(row, "支援番号", "支援番号「{0}」が重複しています。", number);
                continue;
            }
            var companyCode = gr.Text(row, "企業コード", 12, required: true);
            var baseCode = gr.Text(row, "拠点コード", 16, required: true);
            var country = gr.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (CompanyAndBase(state, gr, row, companyCode, baseCode) is not var (company, b))
            {
                continue;
            }
            if (b.CountryCode != country)
            {
                gr.Error(row, "国コード", "国コード「{0}」が拠点の国（{1}）と一致しません。", country, b.CountryCode);
            }
            if (!companyCountries.Add((companyCode, country)))
            {
                gr.Error(row, "企業コード", "同じ企業・国の個別支援が年度内に2件あります（企業コード {0}、国コード {1}）。", companyCode, country);
            }
            Application? application = null;
            if (gr.Text(row, "受付番号", 16) is { Length: > 0 } appNumber && !state.Applications.TryGetValue(appNumber, out application))
            {
                gr.Error(row, "受付番号", "受付番号「{0}」は応募シートにありません。", appNumber);
            }
            var engagement = new Engagement
            {
                Number = number, FiscalYear = state.Year, Company = company, Base = b, CountryCode = country, Application = application,
                Status = gr.Choice(row, "状態", Enum.GetValues<EngagementStatus>(), Names.Of) ?? EngagementStatus.Planned,
                SupportStart = gr.Date(row, "支援開始日"), SupportEnd = gr.Date(row, "支援終了日"),
                AllowanceMinutes = gr.Hours(row, "支援時間枠（時間）", true, 200) ?? FiscalYear.DefaultAllowanceMinutes,
                NextStep = gr.Text(row, "次の予定", 500),
                ConsentDataHandling = gr.Bool(row, "同意_情報の取扱い"), ConsentSurvey = gr.Bool(row, "同意_アンケート"),
                ConsentCasePublication = gr.Bool(row, "同意_事例公表"), ConsentSeminarSpeaking = gr.Bool(row, "同意_セミナー登壇"),
            };
            CheckSupportPeriod(state, gr, row, engagement);
            AddExperts(state, gr, row, engagement);
            state.Engagements[number] = engagement;
            db.Engagements.Add(engagement);
        }
    }

    private static void CheckSupportPeriod(ImportState state, SheetReader gr, WorkbookRow row, Engagement engagement)
    {
        if (engagement.SupportStart is { } s && engagement.SupportEnd is { } e && e < s)
        {
            gr.Error(row, "支援終了日", "支援終了日が支援開始日より前です。");
        }
        var year = state.Year;
        foreach (var (column, date) in new[] { ("支援開始日", engagement.SupportStart), ("支援終了日", engagement.SupportEnd) })
        {
            if (date is { } d && state.StartYear is { } startYear && !year.Contains(d))
            {
                gr.Error(row, column, "{0:yyyy-MM-dd} は{1}年度（{2:yyyy-MM-dd}～{3:yyyy-MM-dd}）の外です。", d, startYear, year.FirstDay, year.LastDay);
            }
        }
    }

    /// <summary>専門家コード: one or more codes; the first is the lead.</summary>
    private static void AddExperts(ImportState state, SheetReader gr, WorkbookRow row, Engagement engagement)
    {
        var lead = true;
        foreach (var code in gr.Text(row, "専門家コード", 200).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
        {
            if (state.FindExpert(gr, row, "専門家コード", code) is { } expert)
            {
                engagement.Experts.Add(new EngagementExpert { Expert = expert, IsLead = lead });
                lead = false;
            }
        }
    }

    /// <summary>重複元の受付番号, once every application is known (an original may come after its duplicate).</summary>
    private static void LinkDuplicates(ImportState state)
    {
        var ar = state[S.Applications];
        foreach (var (application, number, row) in state.DuplicateOf)
        {
            if (state.Applications.TryGetValue(number, out var original))
            {
                application.DuplicateOf = original;
            }
            else
            {
                ar.Error(row, "重複元の受付番号", "受付番号「{0}」は応募シートにありません。", number);
            }
        }
    }

    /// <summary>活動記録: each session of an engagement of the sheet, then counted against the allowances.</summary>
    private async Task ReadSessionsAsync(ImportState state, CancellationToken ct)
    {
        var sr = state[S.Sessions];
        var keys = new HashSet<string>();
        var logged = new List<(Engagement Engagement, EngagementSession Session, WorkbookRow Row)>();
        foreach (var row in sr.Rows)
        {
            var key = sr.Text(row, "記録番号", 20, required: true);
            if (key.Length > 0 && !keys.Add(key))
            {
                sr.Error(row, "記録番号", "記録番号「{0}」が重複しています。", key);
            }
            var number = sr.Text(row, "支援番号", 16, required: true);
            if (!state.Engagements.TryGetValue(number, out var engagement))
            {
                // Keep checking the rest of the row, so one pass reports every problem.
                sr.Error(row, "支援番号", "支援番号「{0}」は個別支援シートにありません。", number);
            }
            var session = ReadSession(state, sr, row);
            if (engagement is null)
            {
                continue;
            }
            logged.Add((engagement, session, row));
            state.SessionCount++;
        }
        await ApplySessionsAsync(state, logged, sr, ct);
    }

    /// <summary>One session row: its fields, and its times checked by the session's own rule.</summary>
    private static EngagementSession ReadSession(ImportState state, SheetReader sr, WorkbookRow row)
    {
        var date = sr.Date(row, "日付", required: true);
        var start = sr.Time(row, "開始時刻", required: true);
        var end = sr.Time(row, "終了時刻", required: true);
        var zone = sr.Text(row, "タイムゾーン", 60, required: true);
        if (zone.Length > 0 && !state.Zones.Contains(zone))
        {
            sr.Error(row, "タイムゾーン", "タイムゾーン「{0}」は使えません（例: Asia/Shanghai, Asia/Bangkok）。", zone);
        }
        var minutes = sr.Hours(row, "時間", true, 24);
        var language = sr.Text(row, "言語", 10);
        if (language.Length > 0 && !Languages.IsValid(language))
        {
            sr.Error(row, "言語", "言語コード「{0}」は使えません。", language);
        }
        var session = new EngagementSession
        {
            TimeZoneId = zone,
            Mode = sr.Choice(row, "形式", Enum.GetValues<SessionMode>(), Names.Of, required: false) ?? SessionMode.Online,
            Type = sr.Choice(row, "種別", Enum.GetValues<SessionType>(), Names.Of) ?? SessionType.Other,
            AttendeeCount = sr.Int(row, "参加者数", 0, 10000) ?? 0, AttendeeRoles = sr.Text(row, "参加者の役割", 300),
            Language = language.Length == 0 ? "ja" : language, Summary = sr.Text(row, "内容", 4000), OverrideReason = sr.Text(row, "枠超過の承認理由", 500),
        };
        if (sr.Text(row, "専門家コード", 12) is { Length: > 0 } expertCode)
        {
            session.Expert = state.FindExpert(sr, row, "専門家コード", expertCode);
        }
        if (date is { } dd && start is { } st && end is { } en && minutes is { } mm && state.Zones.Contains(zone))
        {
            if (state.StartYear is { } startYear && !state.Year.Contains(dd))
            {
                sr.Error(row, "日付", "{0:yyyy-MM-dd} は{1}年度の外です。", dd, startYear);
            }
            try
            {
                session.SetTimes(dd, st, en, zone, mm);
            }
            catch (DomainException ex)
            {
                var column = ex.Field switch { "EndTime" => "終了時刻", "TimeZoneId" => "タイムゾーン", _ => "時間" };
                sr.Error(row, column, ex);
            }
        }
        return session;
    }

    /// <summary>Counts the sessions against their engagements' allowances with the same rule the session page uses
    /// (<see cref="Engagement.Record"/>), in the order they happened: a session that takes an engagement past its
    /// allowance, or adds to it once past, needs a reason in 枠超過の承認理由. The sheet's status is the engagement's
    /// final state, applied after its history (a withdrawn support keeps the sessions it had before it was cancelled).</summary>
    private async Task ApplySessionsAsync(ImportState state, List<(Engagement Engagement, EngagementSession Session, WorkbookRow Row)> logged, SheetReader sr, CancellationToken ct)
    {
        var unsaved = 0;
        foreach (var group in logged.GroupBy(x => x.Engagement))
        {
            // Saved a few thousand sessions at a time, between engagements (each one's status is restored at its end).
            if (unsaved >= SessionsPerSave)
            {
                await SaveWhileValidAsync(state, ct);
                unsaved = 0;
            }
            unsaved += group.Count();
            var engagement = group.Key;
            var finalStatus = engagement.Status;
            engagement.Status = EngagementStatus.Active;
            foreach (var (_, session, row) in group.OrderBy(x => x.Session.StartsAtUtc).ThenBy(x => x.Row.Number))
            {
                try
                {
                    engagement.Record(SessionChange.Logged, session, session.OverrideReason);
                }
                catch (DomainException ex)
                {
                    sr.Error(row, "枠超過の承認理由", ex);
                    // Count it all the same, so every later session past the limit is reported in this one pass too;
                    // the workbook now has an error, so nothing of it is saved.
                    engagement.Record(SessionChange.Logged, session, ex.MessageFormat);
                }
            }
            engagement.Status = finalStatus;
        }
    }
}
