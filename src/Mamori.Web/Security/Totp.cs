using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mamori.Web.Security;

/// <summary>Time-based one-time passwords as authenticator apps make them (RFC 6238: HMAC-SHA1, 30-second steps, six
/// digits), and the Base32 keys they are set up with (RFC 4648, no padding).</summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>Steps of clock drift accepted each way (one step: a code typed just as it changes still works).</summary>
    public const int Drift = 1;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for <paramref name="step"/> (RFC 4226 §5.3 dynamic truncation).</summary>
    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238's default and the only algorithm every authenticator app supports; HMAC-SHA1 is not weakened by SHA-1 collisions.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step, within <see cref="Drift"/> of <paramref name="now"/>, whose code is <paramref name="code"/>;
    /// null when none is. Every candidate is compared in constant time.</summary>
    public static long? MatchingStep(byte[] key, string code, DateTimeOffset now)
    {
        var typed = Encoding.ASCII.GetBytes(code);
        var current = StepAt(now);
        long? match = null;
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(typed, Encoding.ASCII.GetBytes(Code(key, step))))
            {
                match ??= step;
            }
        }
        return match;
    }

    /// <summary>The six digits a person typed, without the spaces or hyphens apps show in the middle; null if it is not
    /// six digits.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }
        var digits = new StringBuilder(Digits);
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\u3000')
            {
                continue;
            }
            // Full-width digits (a Japanese IME) count as the digits they show.
            var d = c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c;
            if (d is < '0' or > '9' || digits.Length == Digits)
            {
                return null;
            }
            digits.Append(d);
        }
        return digits.Length == Digits ? digits.ToString() : null;
    }

    /// <summary>A new 160-bit key (RFC 4226 §4 recommends 160 bits), as Base32.</summary>
    public static string NewKey() => ToBase32(RandomNumberGenerator.GetBytes(20));

    public static string ToBase32(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }

    /// <summary>The bytes of a Base32 key (case, spaces and padding ignored); null when it is not Base32.</summary>
    public static byte[]? FromBase32(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=')
            {
                continue;
            }
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.Count == 0 ? null : [.. bytes];
    }

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    /// <summary>The otpauth URI an authenticator app reads from a QR code (Google Authenticator key-URI format).</summary>
    public static string SetupUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={Digits}&period={StepSeconds}";
}
