using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Infrastructure;

/// <summary>Where to go back to after sign-in or a language switch: only a local path of this app, never another
/// site. Characters a header may not carry are percent-encoded (a path with "¿" or "日本" still works); a control
/// character or anything that is not a local URL sends the user home. Never a 5xx for a hand-made return URL.</summary>
public static class ReturnUrls
{
    public static string LocalOrHome(this IUrlHelper url, string? returnUrl)
    {
        var home = url.Page("/Index") ?? "/";
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Any(char.IsControl) || !url.IsLocalUrl(returnUrl))
        {
            return home;
        }
        if (returnUrl.All(c => c < 0x7F))
        {
            return returnUrl;
        }
        var encoded = new StringBuilder(returnUrl.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value < 0x7F)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
