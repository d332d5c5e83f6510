using System.ComponentModel.DataAnnotations;
using Mamori.Domain;

namespace Mamori.Web.Pages.Applications;

/// <summary>One row of the 保有情報リスト as a form posts it.</summary>
[FeatureApi]
public sealed class InformationAssetInput
{
    [StringLength(200, ErrorMessage = "情報の名称は200文字以内で入力してください。")]
    public string? Name { get; set; }

    public InformationCategory Category { get; set; }

    public InformationMedium Medium { get; set; }

    [StringLength(200, ErrorMessage = "保管場所は200文字以内で入力してください。")]
    public string? StorageLocation { get; set; }

    [StringLength(200, ErrorMessage = "アクセスできる人は200文字以内で入力してください。")]
    public string? AccessibleBy { get; set; }

    public bool IsMarked { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(StorageLocation) && string.IsNullOrWhiteSpace(AccessibleBy);

    public static List<InformationAssetInput> From(IEnumerable<InformationAsset> assets) =>
        [.. assets.OrderBy(a => a.Order).Select(a => new InformationAssetInput
        {
            Name = a.Name, Category = a.Category, Medium = a.Medium, StorageLocation = a.StorageLocation, AccessibleBy = a.AccessibleBy, IsMarked = a.IsMarked,
        })];
}
