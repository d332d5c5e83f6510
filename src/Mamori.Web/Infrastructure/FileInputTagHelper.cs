using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure;

/// <summary>Every file field carries the upload limit and the message for a file over it, in the user's language;
/// site.js refuses such a file before the form is sent (a browser sending it anyway would see the server close the
/// connection, not a page). The server keeps its own checks (<see cref="Uploads"/>, <see cref="Hosting.UseRequestSizeLimitAnswer"/>).</summary>
[HtmlTargetElement("input", Attributes = "[type=file]")]
public sealed class FileInputTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("data-max-bytes", Uploads.MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("data-too-large", t["ファイルが大きすぎます（上限 {0} MB）。", Uploads.MaxFileBytes / 1024 / 1024].Value);
    }
}
