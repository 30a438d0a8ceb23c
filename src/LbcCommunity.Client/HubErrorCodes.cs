using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Client;

/// <summary>
/// Reads the code of a hub error. The hubs refuse with messages <c>code: what happened</c> (the codes are
/// <c>LbcCommunity.Errors.ErrorCodes</c>, listed in docs/errors.md); SignalR's client puts its own words in front
/// ("An unexpected error occurred invoking 'CastVote' on the server. HubException: …").
/// </summary>
public static class HubErrorCodes
{
    private const string Marker = "HubException: ";

    /// <summary>The code of a hub refusal; null for anything else (a lost connection, a fault on the server).</summary>
    public static string? Of(Exception exception)
    {
        if (exception is not HubException hub)
        {
            return null;
        }

        var message = hub.Message;
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        var text = start < 0 ? message : message[(start + Marker.Length)..];
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var code = text[..colon];
        return code.All(c => c is (>= 'a' and <= 'z') or '-') ? code : null;
    }

    /// <summary>The words after the code, as a person should read them.</summary>
    public static string TextOf(Exception exception)
    {
        var message = exception.Message;
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        var text = start < 0 ? message : message[(start + Marker.Length)..];
        return Of(exception) is { } code ? text[(code.Length + 1)..].TrimStart() : text;
    }
}
