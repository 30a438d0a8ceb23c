using System.Security.Cryptography;
using System.Text;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Join codes: ten characters a family member can read aloud and type on a phone (no 0/O, 1/I/L), shown as
/// <c>ABCDE-FGHJK</c>. Only a hash is stored; the code is shown once, to the facilitator who issues it.
/// </summary>
public static class JoinCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int Length = 10;

    public static string Generate()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }

    /// <summary>The key of the code's index entry, or <c>null</c> when the text cannot be a code.</summary>
    public static string? Hash(string? code)
    {
        var normalized = new string((code ?? string.Empty).Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        if (normalized.Length != Length || normalized.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
    }
}
