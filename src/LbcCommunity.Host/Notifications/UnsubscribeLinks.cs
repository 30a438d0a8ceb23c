using System.Security.Cryptography;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Host.Notifications;

/// <summary>
/// The links in e-mails: the web app's base address, and each person's unsubscribe link, whose token is the tenant and
/// person id protected with ASP.NET Data Protection (authenticated encryption under the host's shared key ring): it
/// cannot be guessed or altered, and it needs no sign-in.
/// </summary>
internal sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<MailOptions> mail, IConfiguration configuration, IServer server)
{
    /// <summary>The path of the one-click unsubscribe (GET: a page asking to confirm; POST: done).</summary>
    public const string Path = "/mail/unsubscribe";

    private readonly IDataProtector _protector = protection.CreateProtector("LbcCommunity.Notifications.Unsubscribe.v1");

    public Uri BaseUrl
    {
        get
        {
            var configured = mail.Value.BaseUrl ?? configuration["Identity:Issuer"]
                ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
    }

    public Uri For(string tenantId, string personId) =>
        new(BaseUrl, $"{Path.TrimStart('/')}?token={Uri.EscapeDataString(_protector.Protect($"{tenantId}\n{personId}"))}");

    /// <summary>The tenant and person a token names; <c>null</c> for a token that is missing, altered or not ours.</summary>
    public (string TenantId, string PersonId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts is [var tenantId, var personId] && Validator.IsSlug(tenantId) && Validator.IsSlug(personId) ? (tenantId, personId) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
