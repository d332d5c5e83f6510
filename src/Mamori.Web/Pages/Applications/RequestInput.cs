using System.ComponentModel.DataAnnotations;
using Mamori.Domain;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Applications;

/// <summary>What the applicant asks for and agrees to; shared by the public form and the coordinator's entry form.</summary>
[FeatureApi]
public sealed class RequestInput
{
    [Display(Name = "希望する支援")]
    public List<SupportMenu> Menu { get; set; } = [];

    [Display(Name = "相談したいこと・懸念")]
    [StringLength(4000, ErrorMessage = "{0}は{1}文字以内で入力してください。")]
    public string? Concerns { get; set; }

    public List<InformationAssetInput> Assets { get; set; } = [];

    public bool ConsentDataHandling { get; set; }
    public bool ConsentSurvey { get; set; }
    public bool ConsentCasePublication { get; set; }
    public bool ConsentSeminarSpeaking { get; set; }

    public const int BlankAssetRows = 3;

    public void PadAssets()
    {
        while (Assets.Count(a => a.IsBlank) < BlankAssetRows)
        {
            Assets.Add(new InformationAssetInput());
        }
    }

    /// <summary>Checks what attributes cannot: a menu, known enum values, the data-handling consent, at least one asset.</summary>
    public void Validate(ModelStateDictionary modelState, IStringLocalizer t, string prefix, bool requireAssets)
    {
        if (Menu.Count == 0)
        {
            modelState.AddModelError(prefix + ".Menu", t["希望する支援を1つ以上選んでください。"]);
        }
        if (Menu.Any(m => !Names.MenuItems.Any(i => i.Flag == m)))
        {
            modelState.AddModelError(prefix + ".Menu", t["希望する支援を一覧から選んでください。"]);
        }
        if (!ConsentDataHandling)
        {
            modelState.AddModelError(prefix + ".ConsentDataHandling", t["個人情報・企業情報の取扱いへの同意が必要です。"]);
        }
        for (var i = 0; i < Assets.Count; i++)
        {
            var a = Assets[i];
            if (a.IsBlank)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(a.Name))
            {
                modelState.AddModelError($"{prefix}.Assets[{i}].Name", t["保有情報リスト {0} 行目: 情報の名称を入力してください。", i + 1]);
            }
            if (!Enum.IsDefined(a.Category) || !Enum.IsDefined(a.Medium))
            {
                modelState.AddModelError($"{prefix}.Assets[{i}].Category", t["保有情報リスト {0} 行目: 区分と媒体を一覧から選んでください。", i + 1]);
            }
        }
        if (requireAssets && Assets.All(a => a.IsBlank))
        {
            modelState.AddModelError(prefix + ".Assets", t["保有情報リストに少なくとも1行入力してください（例: 製品図面、顧客リスト）。"]);
        }
    }

    public SupportMenu MenuFlags => Menu.Aggregate(SupportMenu.None, (acc, m) => acc | m);

    public static List<SupportMenu> MenuList(SupportMenu flags) => [.. Names.MenuItems.Select(i => i.Flag).Where(f => flags.HasFlag(f))];

    public void ApplyTo(Application application)
    {
        application.Menu = MenuFlags;
        application.Concerns = Concerns?.Trim() ?? "";
        application.ConsentDataHandling = ConsentDataHandling;
        application.ConsentSurvey = ConsentSurvey;
        application.ConsentCasePublication = ConsentCasePublication;
        application.ConsentSeminarSpeaking = ConsentSeminarSpeaking;
        application.InformationAssets.Clear();
        var order = 0;
        foreach (var a in Assets.Where(a => !a.IsBlank))
        {
            application.InformationAssets.Add(new InformationAsset
            {
                Order = ++order, Name = a.Name!.Trim(), Category = a.Category, Medium = a.Medium,
                StorageLocation = a.StorageLocation?.Trim() ?? "", AccessibleBy = a.AccessibleBy?.Trim() ?? "", IsMarked = a.IsMarked,
            });
        }
    }

    public static RequestInput From(Application a) => new()
    {
        Menu = MenuList(a.Menu), Concerns = a.Concerns, Assets = InformationAssetInput.From(a.InformationAssets),
        ConsentDataHandling = a.ConsentDataHandling, ConsentSurvey = a.ConsentSurvey,
        ConsentCasePublication = a.ConsentCasePublication, ConsentSeminarSpeaking = a.ConsentSeminarSpeaking,
    };
}
