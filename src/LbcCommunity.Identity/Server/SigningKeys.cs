using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// The RSA keys that sign and encrypt tokens. Loaded from PEM files; in the embedded mode they are created once in the
/// data folder (development keys), so tokens survive a restart. A cluster must configure them: every silo has to
/// sign and decrypt alike, so keys made up at start-up would break sign-in.
/// </summary>
internal static class SigningKeys
{
    public static (RsaSecurityKey Signing, RsaSecurityKey Encryption) Load(LbcIdentityOptions options, IdentityStore store)
    {
        var folder = store.DevelopmentKeyFolder;
        var configuredSigning = string.IsNullOrWhiteSpace(options.SigningKeyPath) ? null : options.SigningKeyPath;
        var configuredEncryption = string.IsNullOrWhiteSpace(options.EncryptionKeyPath) ? null : options.EncryptionKeyPath;
        var signingPath = configuredSigning ?? (folder is null ? null : Path.Combine(folder, "signing-key.pem"));
        var encryptionPath = configuredEncryption ?? (folder is null ? null : Path.Combine(folder, "encryption-key.pem"));
        if (signingPath is null || encryptionPath is null)
        {
            throw new InvalidOperationException(
                "Identity:SigningKeyPath and Identity:EncryptionKeyPath must name PEM files of RSA keys in a cluster " +
                "(create them with: openssl genrsa -out signing-key.pem 3072).");
        }

        return (Read(signingPath, createIfMissing: configuredSigning is null), Read(encryptionPath, createIfMissing: configuredEncryption is null));
    }

    private static RsaSecurityKey Read(string path, bool createIfMissing)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else if (createIfMissing)
        {
            rsa.KeySize = 3072;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        else
        {
            throw new InvalidOperationException($"The key file '{path}' does not exist.");
        }

        // A key id derived from the public key: stable across restarts and silos, so validators find the right key.
        var id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())[..12]);
        return new RsaSecurityKey(rsa) { KeyId = id };
    }
}
