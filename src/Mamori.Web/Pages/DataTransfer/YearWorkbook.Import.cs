using System.Globalization;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Workbooks;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using S = Mamori.Web.Pages.DataTransfer.WorkbookSchema;

namespace Mamori.Web.Pages.DataTransfer;

public sealed partial class YearWorkbook
{
    /// <summary>A data row of a sheet with its Excel row number.</summary>
    private sealed record Row(int Number, IDictionary<string, object?> Cells);

    private sealed class Reader(string sheet, List<ImportError> errors, IReadOnlyList<string> headers)
    {
        public string Sheet { get; } = sheet;

        private string Column(string name)
        {
            var index = -1;
            for (var i = 0; i < headers.Count; i++)
            {
                if (headers[i] == name)
                {
                    index = i;
                    break;
                }
            }
            return index < 0 ? name : $"{Letter(index)}（{name}）";
        }

        private static string Letter(int index)
        {
            var s = "";
            index++;
            while (index > 0)
            {
                var m = (index - 1) % 26;
                s = (char)('A' + m) + s;
                index = (index - m) / 26;
            }
            return s;
        }

        public void Error(Row row, string column, string message) => errors.Add(new ImportError(Sheet, row.Number, Column(column), message));

        public static string? Raw(Row row, string column)
        {
            if (!row.Cells.TryGetValue(column, out var value) || value is null)
            {
                return null;
            }
            var text = value switch
            {
                double d => d.ToString("0.############", Inv),
                DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", Inv) : dt.ToString("yyyy-MM-dd HH:mm:ss", Inv),
                bool b => b ? Yes : "",
                _ => Convert.ToString(value, Inv),
            };
            text = text?.Trim();
            return string.IsNullOrEmpty(text) ? null : JapaneseDates.NormalizeRangeMark(text);
        }

        public string Text(Row row, string column, int max, bool required = false)
        {
            var text = Raw(row, column) ?? "";
            if (required && text.Length == 0)
            {
                Error(row, column, "必須です。");
            }
            else if (text.Length > max)
            {
                Error(row, column, $"{max}文字以内にしてください（{text.Length}文字）。");
                text = text[..max];
            }
            return text;
        }

        public int? Int(Row row, string column, int min, int max, bool required = false)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            if (!int.TryParse(raw, NumberStyles.Integer, Inv, out var value) || value < min || value > max)
            {
                Error(row, column, $"{min}～{max}の整数にしてください（「{raw}」）。");
                return null;
            }
            return value;
        }

        public long? Long(Row row, string column)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                return null;
            }
            if (!long.TryParse(raw, NumberStyles.Integer, Inv, out var value) || value < 0)
            {
                Error(row, column, $"0以上の整数にしてください（「{raw}」）。");
                return null;
            }
            return value;
        }

        /// <summary>Hours in quarter steps, returned in minutes.</summary>
        public int? Hours(Row row, string column, bool required, decimal max)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            if (!decimal.TryParse(raw, NumberStyles.Number, Inv, out var hours) || hours < 0 || hours > max || hours * 4 != decimal.Truncate(hours * 4))
            {
                Error(row, column, $"0～{max}時間を0.25時間単位で入力してください（「{raw}」）。");
                return null;
            }
            return Durations.FromHours(hours);
        }

        public DateOnly? Date(Row row, string column, bool required = false)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            if (DateOnly.TryParseExact(raw, ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd"], Inv, DateTimeStyles.None, out var date))
            {
                return date;
            }
            if (double.TryParse(raw, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 100000)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            }
            Error(row, column, $"日付は 2022-10-13 の形式で入力してください（「{raw}」）。");
            return null;
        }

        public TimeOnly? Time(Row row, string column, bool required = false)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            if (TimeOnly.TryParseExact(raw, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], Inv, DateTimeStyles.None, out var t))
            {
                return t;
            }
            if (double.TryParse(raw, NumberStyles.Float, Inv, out var fraction) && fraction is >= 0 and < 1)
            {
                return TimeOnly.FromTimeSpan(TimeSpan.FromDays(fraction));
            }
            if (DateTime.TryParse(raw, Inv, DateTimeStyles.None, out var dt))
            {
                return TimeOnly.FromDateTime(dt);
            }
            Error(row, column, $"時刻は 14:00 の形式で入力してください（「{raw}」）。");
            return null;
        }

        /// <summary>Japan-time instant written as 2022-08-22 10:05:00.</summary>
        public DateTimeOffset? Instant(Row row, string column, bool required = false)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            if (DateTime.TryParseExact(raw, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd"], Inv, DateTimeStyles.None, out var local))
            {
                return new DateTimeOffset(local, TimeSpan.FromHours(9)).ToUniversalTime();
            }
            if (double.TryParse(raw, NumberStyles.Float, Inv, out var serial) && serial is > 1 and < 100000)
            {
                return new DateTimeOffset(DateTime.FromOADate(serial), TimeSpan.FromHours(9)).ToUniversalTime();
            }
            Error(row, column, $"日時は 2022-08-22 10:05:00（日本時間）の形式で入力してください（「{raw}」）。");
            return null;
        }

        public bool Bool(Row row, string column)
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                return false;
            }
            if (raw is Yes or "〇" or "1" or "true" or "TRUE" or "True" or "はい" or "yes")
            {
                return true;
            }
            if (raw is "0" or "false" or "FALSE" or "False" or "いいえ" or "no" or "×")
            {
                return false;
            }
            Error(row, column, $"「○」か空欄にしてください（「{raw}」）。");
            return false;
        }

        public T? Choice<T>(Row row, string column, IEnumerable<T> values, Func<T, string> label, bool required = true) where T : struct
        {
            var raw = Raw(row, column);
            if (raw is null)
            {
                if (required)
                {
                    Error(row, column, "必須です。");
                }
                return null;
            }
            foreach (var value in values)
            {
                if (label(value) == raw || value.ToString() == raw)
                {
                    return value;
                }
            }
            Error(row, column, $"「{raw}」は選べません（{string.Join("・", values.Select(label))}）。");
            return null;
        }
    }

    private sealed record ParsedSheet(Reader Reader, List<Row> Rows);

    /// <summary>Reads and checks the whole workbook, then writes it in one transaction — or writes nothing
    /// and returns every problem found (up to <see cref="ImportError.MaxShown"/>), each with sheet, row and column.</summary>
    public async Task<ImportResult> ImportAsync(Stream input, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var sheetsInFile = new List<string>();
        if (bytes.Length < 4 || bytes[0] != 0x50 || bytes[1] != 0x4B)
        {
            return Fail(new ImportError("ファイル", null, null, "XLSX形式のファイルではありません。Excelで「Excel ブック (*.xlsx)」として保存したファイルを選んでください。"));
        }
        try
        {
            using var probe = new MemoryStream(bytes);
            sheetsInFile = probe.GetSheetNames();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NullReferenceException or KeyNotFoundException)
        {
            return Fail(new ImportError("ファイル", null, null, "XLSXファイルとして読めません（壊れているか、別の形式です）。"));
        }

        var parsed = new Dictionary<string, ParsedSheet>();
        foreach (var sheet in S.All)
        {
            if (!sheetsInFile.Contains(sheet.Name))
            {
                if (sheet.Required)
                {
                    errors.Add(new ImportError(sheet.Name, null, null, "シートがありません。"));
                }
                continue;
            }
            try
            {
                using var stream = new MemoryStream(bytes);
                var headers = (stream.GetColumns(useHeaderRow: true, sheetName: sheet.Name) ?? []).Select(h => h?.ToString()?.Trim() ?? "").ToList();
                stream.Position = 0;
                var rows = new List<Row>();
                var number = 1;
                foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: true, sheetName: sheet.Name))
                {
                    number++;
                    if (cells.Values.All(v => v is null || v is string s && s.Trim().Length == 0))
                    {
                        continue;
                    }
                    rows.Add(new Row(number, cells));
                }
                var reader = new Reader(sheet.Name, errors, headers);
                if (headers.Count > 0 || rows.Count > 0)
                {
                    foreach (var missing in sheet.Columns.Where(c => !headers.Contains(c)))
                    {
                        errors.Add(new ImportError(sheet.Name, 1, missing, sheet.RequiredColumns.Contains(missing) ? "必須の列がありません。" : "列がありません。"));
                    }
                    foreach (var unknown in headers.Where(h => h.Length > 0 && !sheet.Columns.Contains(h)))
                    {
                        errors.Add(new ImportError(sheet.Name, 1, unknown, "この列は取り込めません（列名を確認してください）。"));
                    }
                }
                parsed[sheet.Name] = new ParsedSheet(reader, rows);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException)
            {
                errors.Add(new ImportError(sheet.Name, null, null, "シートを読めません。"));
            }
        }
        if (errors.Count > 0)
        {
            return Fail([.. errors]);
        }

        var plan = await BuildAsync(parsed, errors, ct);
        if (errors.Count > 0 || plan is null)
        {
            return Fail([.. errors]);
        }
        await db.SaveChangesAsync(ct);
        await db.AuditAsync(AuditActions.Import, "FiscalYear", plan.Year.Id.ToString(Inv), System.Text.Json.JsonSerializer.Serialize(plan.Counts), ct);
        return new ImportResult([], plan.Counts, plan.Year.Id);
    }

    private static ImportResult Fail(params ImportError[] errors) => new([.. errors.Take(ImportError.MaxShown)], new Dictionary<string, int>(), null);

    private sealed record Plan(FiscalYear Year, Dictionary<string, int> Counts);

    private static List<Row> Rows(Dictionary<string, ParsedSheet> parsed, S.Sheet sheet) =>
        parsed.TryGetValue(sheet.Name, out var p) ? p.Rows : [];

    private static Reader ReaderOf(Dictionary<string, ParsedSheet> parsed, S.Sheet sheet, List<ImportError> errors) =>
        parsed.TryGetValue(sheet.Name, out var p) ? p.Reader : new Reader(sheet.Name, errors, []);

    /// <summary>Checks every row and prepares the entities (tracked, not yet saved). Null when nothing can be built.</summary>
    private async Task<Plan?> BuildAsync(Dictionary<string, ParsedSheet> parsed, List<ImportError> errors, CancellationToken ct)
    {
        var countries = (await lookups.CountriesAsync()).Select(c => c.Code).ToHashSet();
        var regions = await lookups.RegionsAsync();
        var zones = await lookups.TimeZonesAsync();
        var now = time.GetUtcNow();

        // 年度
        var yr = ReaderOf(parsed, S.Year, errors);
        var yearRows = Rows(parsed, S.Year);
        if (yearRows.Count != 1)
        {
            errors.Add(new ImportError(S.Year.Name, null, null, "年度シートには1行だけ入力してください。"));
            return null;
        }
        var yRow = yearRows[0];
        var startYear = yr.Int(yRow, "年度", 1989, 2200, required: true);
        var year = new FiscalYear
        {
            StartYear = startYear ?? 0,
            OfficialName = yr.Text(yRow, "事業名", 300, required: true),
            Sponsor = yr.Text(yRow, "委託元", 200),
            Implementer = yr.Text(yRow, "実施機関", 200),
            RecruitmentStart = yr.Date(yRow, "募集開始日"),
            RecruitmentEnd = yr.Date(yRow, "募集終了日"),
            SupportStart = yr.Date(yRow, "支援開始日"),
            SupportEnd = yr.Date(yRow, "支援終了日"),
            AllowanceMinutes = yr.Hours(yRow, "支援時間枠（時間）", true, 200) ?? FiscalYear.DefaultAllowanceMinutes,
            SetupConsultationMinutes = yr.Hours(yRow, "拠点設立相談（時間）", false, 10) ?? FiscalYear.DefaultSetupConsultationMinutes,
        };
        if (startYear is { } sy && await db.FiscalYears.AnyAsync(f => f.StartYear == sy, ct))
        {
            yr.Error(yRow, "年度", $"{sy}年度は既に登録されています。年度の取込は、その年度がないデータベースに対してだけ行えます。");
        }
        var tr = ReaderOf(parsed, S.Targets, errors);
        var seenTargets = new HashSet<string>();
        foreach (var row in Rows(parsed, S.Targets))
        {
            var code = tr.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (code.Length > 0 && !countries.Contains(code))
            {
                tr.Error(row, "国コード", $"国コード「{code}」は登録されていません。");
            }
            else if (code.Length > 0 && !seenTargets.Add(code))
            {
                tr.Error(row, "国コード", $"国コード「{code}」が重複しています。");
            }
            year.TargetCountries.Add(new TargetCountry { CountryCode = code, Quota = tr.Int(row, "目標社数", 0, 1000), Note = tr.Text(row, "備考", 200) });
        }
        foreach (var (field, message) in year.Validate().Where(p => p.Field != nameof(FiscalYear.TargetCountries)))
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
            if (startYear is not null || column != "年度")
            {
                yr.Error(yRow, column, message);
            }
        }

        // 企業・拠点・担当者
        var cr = ReaderOf(parsed, S.Companies, errors);
        var existingCompanies = await db.Companies.Include(c => c.Bases).ToDictionaryAsync(c => c.Code, ct);
        var companies = new Dictionary<string, Company>();
        var newCompanies = new HashSet<string>();
        foreach (var row in Rows(parsed, S.Companies))
        {
            var code = cr.Text(row, "企業コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (companies.ContainsKey(code))
            {
                cr.Error(row, "企業コード", $"企業コード「{code}」が重複しています。");
                continue;
            }
            var prefecture = cr.Text(row, "都道府県", 10, required: true);
            if (prefecture.Length > 0 && !Prefectures.IsValid(prefecture))
            {
                cr.Error(row, "都道府県", $"「{prefecture}」は都道府県名ではありません（例: 東京都、大阪府、愛知県）。");
            }
            if (!existingCompanies.TryGetValue(code, out var company))
            {
                company = new Company { Code = code, NameJa = "", CreatedAt = now };
                newCompanies.Add(code);
            }
            company.NameJa = cr.Text(row, "企業名", 200, required: true);
            company.NameEn = cr.Text(row, "企業名（英語）", 200);
            company.Prefecture = prefecture;
            company.Industry = cr.Text(row, "業種", 100);
            company.SizeBand = cr.Choice(row, "規模", Enum.GetValues<SizeBand>(), Names.Of) ?? SizeBand.Small;
            company.Headcount = cr.Int(row, "従業員数", 0, 10_000_000);
            company.CapitalYen = cr.Long(row, "資本金（円）");
            company.IsProvisional = cr.Bool(row, "仮登録");
            companies[code] = company;
        }
        var br = ReaderOf(parsed, S.Bases, errors);
        var existingBases = existingCompanies.Values.SelectMany(c => c.Bases).ToDictionary(b => b.Code);
        var bases = new Dictionary<string, Base>();
        foreach (var row in Rows(parsed, S.Bases))
        {
            var code = br.Text(row, "拠点コード", 16, required: true);
            var companyCode = br.Text(row, "企業コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (bases.ContainsKey(code))
            {
                br.Error(row, "拠点コード", $"拠点コード「{code}」が重複しています。");
                continue;
            }
            if (!companies.TryGetValue(companyCode, out var company))
            {
                br.Error(row, "企業コード", $"企業コード「{companyCode}」は企業シートにありません。");
                continue;
            }
            if (existingBases.TryGetValue(code, out var existing) && existing.CompanyId != company.Id)
            {
                br.Error(row, "拠点コード", $"拠点コード「{code}」は別の企業の拠点として登録されています。");
                continue;
            }
            var b = existing ?? new Base { Code = code, NameJa = "", CountryCode = "" };
            b.NameJa = br.Text(row, "拠点名", 200, required: true);
            b.NameLocal = br.Text(row, "拠点名（現地語）", 200);
            b.Type = br.Choice(row, "種別", Enum.GetValues<BaseType>(), Names.Of) ?? BaseType.LocalCorporation;
            var country = br.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (country.Length > 0 && !countries.Contains(country))
            {
                br.Error(row, "国コード", $"国コード「{country}」は登録されていません。");
            }
            var region = br.Text(row, "州・省コード", 12);
            if (region.Length > 0)
            {
                var r = regions.FirstOrDefault(x => x.Code == region);
                if (r is null)
                {
                    br.Error(row, "州・省コード", $"州・省コード「{region}」は登録されていません。");
                }
                else if (r.CountryCode != country)
                {
                    br.Error(row, "州・省コード", $"州・省コード「{region}」は国コード「{country}」の地域ではありません。");
                }
            }
            b.CountryCode = country;
            b.RegionCode = region.Length == 0 ? null : region;
            b.City = br.Text(row, "市・地区", 100);
            b.Headcount = br.Int(row, "従業員数", 0, 10_000_000);
            if (existing is null)
            {
                company.Bases.Add(b);
            }
            bases[code] = b;
        }
        foreach (var company in companies.Values)
        {
            company.RefreshKeys();
            if (company.Id == 0)
            {
                db.Companies.Add(company);
            }
        }
        var pr = ReaderOf(parsed, S.Contacts, errors);
        foreach (var row in Rows(parsed, S.Contacts))
        {
            var companyCode = pr.Text(row, "企業コード", 12, required: true);
            var baseCode = pr.Text(row, "拠点コード", 16);
            if (!companies.TryGetValue(companyCode, out var company))
            {
                pr.Error(row, "企業コード", $"企業コード「{companyCode}」は企業シートにありません。");
                continue;
            }
            Base? b = null;
            if (baseCode.Length > 0 && (!bases.TryGetValue(baseCode, out b) || !company.Bases.Contains(b)))
            {
                pr.Error(row, "拠点コード", $"拠点コード「{baseCode}」はこの企業の拠点ではありません。");
                continue;
            }
            var language = pr.Text(row, "言語", 10);
            if (language.Length > 0 && !Languages.IsValid(language))
            {
                pr.Error(row, "言語", $"言語コード「{language}」は使えません（ja, en, zh, th, vi, id …）。");
            }
            var contact = new Contact
            {
                Name = pr.Text(row, "氏名", 100, required: true), Base = b, Department = pr.Text(row, "部署", 100), Title = pr.Text(row, "役職", 100),
                Email = pr.Text(row, "メール", 200), Phone = pr.Text(row, "電話", 40), Language = language.Length == 0 ? "ja" : language,
            };
            // Contacts of companies already in the database are left as they are (they have no key to match on).
            if (newCompanies.Contains(companyCode))
            {
                company.Contacts.Add(contact);
            }
        }

        // 専門家
        var er = ReaderOf(parsed, S.Experts, errors);
        var existingExperts = await db.Experts.Include(e => e.Countries).ToDictionaryAsync(e => e.Code, ct);
        var experts = new Dictionary<string, Expert>();
        foreach (var row in Rows(parsed, S.Experts))
        {
            var code = er.Text(row, "専門家コード", 12, required: true);
            if (code.Length == 0)
            {
                continue;
            }
            if (experts.ContainsKey(code))
            {
                er.Error(row, "専門家コード", $"専門家コード「{code}」が重複しています。");
                continue;
            }
            var expert = existingExperts.GetValueOrDefault(code) ?? db.Experts.Add(new Expert { Code = code, Name = "" }).Entity;
            expert.Name = er.Text(row, "氏名", 100, required: true);
            expert.NameEn = er.Text(row, "氏名（英語）", 100);
            expert.Firm = er.Text(row, "所属", 200);
            var codes = er.Text(row, "担当国", 60, required: true).Split([';', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).Distinct().ToList();
            foreach (var c in codes.Where(c => !countries.Contains(c)))
            {
                er.Error(row, "担当国", $"国コード「{c}」は登録されていません。");
            }
            expert.Countries.RemoveAll(c => !codes.Contains(c.CountryCode));
            foreach (var c in codes.Where(c => expert.Countries.All(x => x.CountryCode != c)))
            {
                expert.Countries.Add(new ExpertCountry { CountryCode = c });
            }
            var langs = er.Text(row, "言語", 60).Split([';', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            foreach (var l in langs.Where(l => !Languages.IsValid(l)))
            {
                er.Error(row, "言語", $"言語コード「{l}」は使えません。");
            }
            expert.Languages = string.Join(";", langs);
            expert.Email = er.Text(row, "メール", 200);
            expert.Phone = er.Text(row, "電話", 40);
            expert.ContractingOffice = er.Text(row, "契約事務所", 100);
            expert.IsActive = er.Bool(row, "有効");
            experts[code] = expert;
        }
        Expert? FindExpert(Reader reader, Row row, string column, string code)
        {
            if (experts.TryGetValue(code, out var e) || existingExperts.TryGetValue(code, out e))
            {
                return e;
            }
            reader.Error(row, column, $"専門家コード「{code}」は専門家シートにありません。");
            return null;
        }

        // 応募
        db.FiscalYears.Add(year);
        var ar = ReaderOf(parsed, S.Applications, errors);
        var applications = new Dictionary<string, Application>();
        var numbersInDb = await db.Applications.Select(a => a.Number).ToListAsync(ct);
        var duplicateOf = new List<(Application App, string Number, Row Row)>();
        foreach (var row in Rows(parsed, S.Applications))
        {
            var number = ar.Text(row, "受付番号", 16, required: true);
            if (number.Length == 0)
            {
                continue;
            }
            if (applications.ContainsKey(number) || numbersInDb.Contains(number))
            {
                ar.Error(row, "受付番号", $"受付番号「{number}」が重複しています。");
                continue;
            }
            var companyCode = ar.Text(row, "企業コード", 12, required: true);
            var baseCode = ar.Text(row, "拠点コード", 16, required: true);
            if (!companies.TryGetValue(companyCode, out var company))
            {
                ar.Error(row, "企業コード", $"企業コード「{companyCode}」は企業シートにありません。");
                continue;
            }
            if (!bases.TryGetValue(baseCode, out var b) || !company.Bases.Contains(b))
            {
                ar.Error(row, "拠点コード", $"拠点コード「{baseCode}」はこの企業の拠点ではありません。");
                continue;
            }
            var menu = SupportMenu.None;
            foreach (var part in ar.Text(row, "希望する支援", 200).Split([';', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var item = Names.MenuItems.FirstOrDefault(i => Names.MenuLabel(i.Flag) == part || i.Ja == part || i.Flag.ToString() == part);
                if (item.Flag == SupportMenu.None)
                {
                    ar.Error(row, "希望する支援", $"「{part}」は選べません（{string.Join("; ", Names.MenuItems.Select(i => Names.MenuLabel(i.Flag)))}）。");
                }
                menu |= item.Flag;
            }
            var application = new Application
            {
                Number = number, FiscalYear = year, Company = company, Base = b, CountryCode = b.CountryCode,
                ReceivedAt = ar.Instant(row, "受付日時", required: true) ?? now,
                Channel = ar.Choice(row, "経路", Enum.GetValues<ApplicationChannel>(), Names.Of, required: false) ?? ApplicationChannel.Import,
                Menu = menu, Concerns = ar.Text(row, "相談内容", 4000),
                Status = ar.Choice(row, "状態", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                ConsentDataHandling = ar.Bool(row, "同意_情報の取扱い"), ConsentSurvey = ar.Bool(row, "同意_アンケート"),
                ConsentCasePublication = ar.Bool(row, "同意_事例公表"), ConsentSeminarSpeaking = ar.Bool(row, "同意_セミナー登壇"),
            };
            if (ar.Text(row, "重複元の受付番号", 16) is { Length: > 0 } dup)
            {
                duplicateOf.Add((application, dup, row));
            }
            applications[number] = application;
            db.Applications.Add(application);
        }
        var assetReader = ReaderOf(parsed, S.Assets, errors);
        foreach (var row in Rows(parsed, S.Assets))
        {
            var number = assetReader.Text(row, "受付番号", 16, required: true);
            if (!applications.TryGetValue(number, out var application))
            {
                assetReader.Error(row, "受付番号", $"受付番号「{number}」は応募シートにありません。");
                continue;
            }
            application.InformationAssets.Add(new InformationAsset
            {
                Order = assetReader.Int(row, "順番", 1, 10000) ?? application.InformationAssets.Count + 1,
                Name = assetReader.Text(row, "情報の名称", 200, required: true),
                Category = assetReader.Choice(row, "区分", Enum.GetValues<InformationCategory>(), Names.Of) ?? InformationCategory.Other,
                Medium = assetReader.Choice(row, "媒体", Enum.GetValues<InformationMedium>(), Names.Of) ?? InformationMedium.Both,
                StorageLocation = assetReader.Text(row, "保管場所", 200), AccessibleBy = assetReader.Text(row, "アクセスできる人", 200),
                IsMarked = assetReader.Bool(row, "秘密表示"),
            });
        }
        var hr = ReaderOf(parsed, S.History, errors);
        foreach (var row in Rows(parsed, S.History))
        {
            var number = hr.Text(row, "受付番号", 16, required: true);
            if (!applications.TryGetValue(number, out var application))
            {
                hr.Error(row, "受付番号", $"受付番号「{number}」は応募シートにありません。");
                continue;
            }
            application.StatusChanges.Add(new ApplicationStatusChange
            {
                At = hr.Instant(row, "日時", required: true) ?? now,
                From = hr.Choice(row, "変更前", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                To = hr.Choice(row, "変更後", Enum.GetValues<ApplicationStatus>(), Names.Of) ?? ApplicationStatus.Received,
                UserName = hr.Text(row, "変更者", 256), Reason = hr.Text(row, "理由", 1000),
            });
        }

        // 個別支援
        var gr = ReaderOf(parsed, S.Engagements, errors);
        var engagements = new Dictionary<string, Engagement>();
        var engagementNumbersInDb = await db.Engagements.Select(e => e.Number).ToListAsync(ct);
        var trios = new HashSet<(string, string)>();
        foreach (var row in Rows(parsed, S.Engagements))
        {
            var number = gr.Text(row, "支援番号", 16, required: true);
            if (number.Length == 0)
            {
                continue;
            }
            if (engagements.ContainsKey(number) || engagementNumbersInDb.Contains(number))
            {
                gr.Error(row, "支援番号", $"支援番号「{number}」が重複しています。");
                continue;
            }
            var companyCode = gr.Text(row, "企業コード", 12, required: true);
            var baseCode = gr.Text(row, "拠点コード", 16, required: true);
            var country = gr.Text(row, "国コード", 2, required: true).ToUpperInvariant();
            if (!companies.TryGetValue(companyCode, out var company))
            {
                gr.Error(row, "企業コード", $"企業コード「{companyCode}」は企業シートにありません。");
                continue;
            }
            if (!bases.TryGetValue(baseCode, out var b) || !company.Bases.Contains(b))
            {
                gr.Error(row, "拠点コード", $"拠点コード「{baseCode}」はこの企業の拠点ではありません。");
                continue;
            }
            if (b.CountryCode != country)
            {
                gr.Error(row, "国コード", $"国コード「{country}」が拠点の国（{b.CountryCode}）と一致しません。");
            }
            if (!trios.Add((companyCode, country)))
            {
                gr.Error(row, "企業コード", $"同じ企業・国の個別支援が年度内に2件あります（企業コード {companyCode}、国コード {country}）。");
            }
            Application? application = null;
            if (gr.Text(row, "受付番号", 16) is { Length: > 0 } appNumber && !applications.TryGetValue(appNumber, out application))
            {
                gr.Error(row, "受付番号", $"受付番号「{appNumber}」は応募シートにありません。");
            }
            var engagement = new Engagement
            {
                Number = number, FiscalYear = year, Company = company, Base = b, CountryCode = country, Application = application,
                Status = gr.Choice(row, "状態", Enum.GetValues<EngagementStatus>(), Names.Of) ?? EngagementStatus.Planned,
                SupportStart = gr.Date(row, "支援開始日"), SupportEnd = gr.Date(row, "支援終了日"),
                AllowanceMinutes = gr.Hours(row, "支援時間枠（時間）", true, 200) ?? FiscalYear.DefaultAllowanceMinutes,
                NextStep = gr.Text(row, "次の予定", 500),
                ConsentDataHandling = gr.Bool(row, "同意_情報の取扱い"), ConsentSurvey = gr.Bool(row, "同意_アンケート"),
                ConsentCasePublication = gr.Bool(row, "同意_事例公表"), ConsentSeminarSpeaking = gr.Bool(row, "同意_セミナー登壇"),
            };
            if (engagement.SupportStart is { } s && engagement.SupportEnd is { } e && e < s)
            {
                gr.Error(row, "支援終了日", "支援終了日が支援開始日より前です。");
            }
            foreach (var (column, date) in new[] { ("支援開始日", engagement.SupportStart), ("支援終了日", engagement.SupportEnd) })
            {
                if (date is { } d && startYear is not null && !year.Contains(d))
                {
                    gr.Error(row, column, $"{d:yyyy-MM-dd} は{startYear}年度（{year.FirstDay:yyyy-MM-dd}～{year.LastDay:yyyy-MM-dd}）の外です。");
                }
            }
            var lead = true;
            foreach (var code in gr.Text(row, "専門家コード", 200).Split([';', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
            {
                if (FindExpert(gr, row, "専門家コード", code) is { } expert)
                {
                    engagement.Experts.Add(new EngagementExpert { Expert = expert, IsLead = lead });
                    lead = false;
                }
            }
            engagements[number] = engagement;
            db.Engagements.Add(engagement);
        }
        foreach (var (app, number, row) in duplicateOf)
        {
            if (applications.TryGetValue(number, out var original))
            {
                app.DuplicateOf = original;
            }
            else
            {
                ar.Error(row, "重複元の受付番号", $"受付番号「{number}」は応募シートにありません。");
            }
        }

        // 活動記録
        var sr = ReaderOf(parsed, S.Sessions, errors);
        var sessionKeys = new HashSet<string>();
        var sessionCount = 0;
        var logged = new List<(Engagement Engagement, EngagementSession Session, Row Row)>();
        foreach (var row in Rows(parsed, S.Sessions))
        {
            var key = sr.Text(row, "記録番号", 20, required: true);
            if (key.Length > 0 && !sessionKeys.Add(key))
            {
                sr.Error(row, "記録番号", $"記録番号「{key}」が重複しています。");
            }
            var number = sr.Text(row, "支援番号", 16, required: true);
            if (!engagements.TryGetValue(number, out var engagement))
            {
                // Keep checking the rest of the row, so one pass reports every problem.
                sr.Error(row, "支援番号", $"支援番号「{number}」は個別支援シートにありません。");
            }
            var date = sr.Date(row, "日付", required: true);
            var start = sr.Time(row, "開始時刻", required: true);
            var end = sr.Time(row, "終了時刻", required: true);
            var zone = sr.Text(row, "タイムゾーン", 60, required: true);
            if (zone.Length > 0 && !zones.Contains(zone))
            {
                sr.Error(row, "タイムゾーン", $"タイムゾーン「{zone}」は使えません（例: Asia/Shanghai, Asia/Bangkok）。");
            }
            var minutes = sr.Hours(row, "時間", true, 24);
            var language = sr.Text(row, "言語", 10);
            if (language.Length > 0 && !Languages.IsValid(language))
            {
                sr.Error(row, "言語", $"言語コード「{language}」は使えません。");
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
                session.Expert = FindExpert(sr, row, "専門家コード", expertCode);
            }
            if (date is { } dd && start is { } st && end is { } en && minutes is { } mm && zones.Contains(zone))
            {
                if (startYear is not null && !year.Contains(dd))
                {
                    sr.Error(row, "日付", $"{dd:yyyy-MM-dd} は{startYear}年度の外です。");
                }
                try
                {
                    session.SetTimes(dd, st, en, zone, mm);
                }
                catch (DomainException ex)
                {
                    sr.Error(row, ex.Field switch { "EndTime" => "終了時刻", "TimeZoneId" => "タイムゾーン", _ => "時間" }, ex.Message);
                }
            }
            if (engagement is null)
            {
                continue;
            }
            logged.Add((engagement, session, row));
            sessionCount++;
        }
        ApplySessions(logged, sr);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        return new Plan(year, new Dictionary<string, int>
        {
            ["企業"] = companies.Count, ["拠点"] = bases.Count, ["専門家"] = experts.Count, ["応募"] = applications.Count,
            ["個別支援"] = engagements.Count, ["活動記録"] = sessionCount,
        });
    }

    /// <summary>Counts the sessions against their engagements' allowances with the same rule the session page uses
    /// (<see cref="Engagement.Record"/>), in the order they happened: a session that takes an engagement past its
    /// allowance, or adds to it once past, needs a reason in 枠超過の承認理由. The sheet's status is the engagement's
    /// final state, applied after its history (a withdrawn support keeps the sessions it had before it was cancelled).</summary>
    private static void ApplySessions(List<(Engagement Engagement, EngagementSession Session, Row Row)> logged, Reader sr)
    {
        foreach (var group in logged.GroupBy(x => x.Engagement))
        {
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
                    sr.Error(row, "枠超過の承認理由", ex.Message);
                    // Count it all the same, so every later session past the limit is reported in this one pass too;
                    // the workbook now has an error, so nothing of it is saved.
                    engagement.Record(SessionChange.Logged, session, ex.MessageFormat);
                }
            }
            engagement.Status = finalStatus;
        }
    }
}
