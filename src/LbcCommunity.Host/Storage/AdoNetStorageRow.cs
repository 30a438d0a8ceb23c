using System.Globalization;
using System.Text;
using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// The key columns of a grain state's row in <c>OrleansStorage</c>, computed exactly as Orleans' ADO.NET grain storage
/// computes them (its key type is internal to it), so that rows written by <see cref="GroupCommitGrainStorage"/> are
/// found by the provider's reads and the other way round. <c>AdoNetStorageRowTests</c> holds the two to each other.
/// </summary>
/// <remarks>
/// A grain id with a GUID key is stored as the GUID's two halves (N0, N1) and its key extension; an integer key as
/// N1 and its extension; any other key as the whole key text in the extension column with N0 = N1 = 0. The id's hash
/// is Orleans' stable hash (<see cref="OrleansDefaultHasher"/>, the provider's default) of the key's bytes in reverse
/// order on a little-endian machine; the type's hash is that of the state name's UTF-8 bytes.
/// </remarks>
internal readonly record struct AdoNetStorageRow(int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? GrainIdExtensionString)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    /// <summary>
    /// Whether the provider stores <paramref name="stateName"/> as it is. It rewrites names holding a generic arity
    /// (<c>`</c>, from the type-name convention of older Orleans versions); such states are left to the provider.
    /// </summary>
    public static bool StoresNameAsIs(string stateName) => !stateName.Contains('`', StringComparison.Ordinal);

    public static AdoNetStorageRow Of(string stateName, GrainId grainId)
    {
        if (!StoresNameAsIs(stateName))
        {
            throw new ArgumentException($"The state name '{stateName}' is rewritten by the ADO.NET provider; write it through the provider.", nameof(stateName));
        }

        long n0;
        long n1;
        string? extension;
        byte[] keyBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var guidBytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(guidBytes, 0);
            n1 = BitConverter.ToInt64(guidBytes, 8);
            // The provider hashes the GUID rebuilt from its halves: the same 16 bytes.
            keyBytes = Concat(guidBytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n0 = 0;
            n1 = integer;
            keyBytes = Concat(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            n0 = 0;
            n1 = 0;
            extension = grainId.Key.ToString();
            keyBytes = Encoding.UTF8.GetBytes(extension);
        }

        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(keyBytes);
        }

        return new AdoNetStorageRow(
            Hasher.Hash(keyBytes), n0, n1, Hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName, extension);
    }

    /// <summary>The provider's ETag for a stored version.</summary>
    public static string ETagOf(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag stands for; <c>null</c> when the grain has never been stored.</summary>
    public static int? VersionOf(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static byte[] Concat(byte[] key, string? extension)
    {
        if (extension is null)
        {
            return key;
        }

        var extensionBytes = Encoding.UTF8.GetBytes(extension);
        var bytes = new byte[key.Length + extensionBytes.Length];
        key.CopyTo(bytes, 0);
        extensionBytes.CopyTo(bytes, key.Length);
        return bytes;
    }
}
