using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Client;

/// <summary>Hub connections speaking the product's JSON: camelCase, enums as names, no nulls written.</summary>
internal static class HubConnections
{
    public static IHubConnectionBuilder Builder(Uri hubUrl, Action<HttpConnectionOptions>? configure) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, options => configure?.Invoke(options))
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
                json.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            });
}
