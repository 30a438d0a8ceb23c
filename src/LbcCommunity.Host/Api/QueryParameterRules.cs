using System.Collections.Concurrent;
using System.Reflection;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.Http.Metadata;

namespace LbcCommunity.Host.Api;

/// <summary>
/// The query parameters of the API's endpoints, checked before binding: each at most once, an enum by one of its
/// member names, an id (a name ending in <c>Id</c>) as an id. The framework would bind <c>?kind=Member&amp;kind=Consensus</c>
/// as the flags value 3 (no kind at all, so an empty list), <c>?kind=3</c> likewise, and a repeated string as the
/// values joined by a comma: a filter that matches nothing looks like an answer. These are 400s naming the parameter.
/// </summary>
internal static class QueryParameterRules
{
    /// <summary>Endpoint metadata: the endpoint's query parameters are checked (the API's group carries it).</summary>
    public sealed class Strict
    {
        public static readonly Strict Instance = new();
    }

    public static IApplicationBuilder UseQueryParameterRules(this IApplicationBuilder app) => app.UseMiddleware<QueryParameterCheck>();

    /// <summary>The query parameters an endpoint's handler binds, read from its parameters once per endpoint.</summary>
    internal static QueryParameter[] Describe(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<Strict>() is null || endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return [];
        }

        var described = new List<QueryParameter>();
        foreach (var parameter in handler.GetParameters())
        {
            var attributes = parameter.GetCustomAttributes(inherit: true);
            if (attributes.Any(a => a is IFromServiceMetadata or IFromBodyMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromFormMetadata or AsParametersAttribute))
            {
                continue;
            }

            var name = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name;
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (name is null || endpoint.RoutePattern.GetParameter(name) is not null || !IsSimple(type))
            {
                continue;
            }

            described.Add(new QueryParameter(name, type));
        }

        return [.. described];
    }

    // What minimal APIs bind from the query string by themselves; everything else is a service, the body or the context.
    private static bool IsSimple(Type type) =>
        type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeOnly);

    internal sealed record QueryParameter(string Name, Type Type)
    {
        public void Check(IQueryCollection query, Validator v)
        {
            var values = query[Name];
            if (values.Count == 0)
            {
                return;
            }

            if (values.Count > 1)
            {
                v.Add(Name, $"'{Name}' may be given once; it was given {values.Count} times.");
                return;
            }

            var value = values[0] ?? string.Empty;
            if (Type.IsEnum && !Enum.GetNames(Type).Contains(value, StringComparer.Ordinal))
            {
                // By name only, as the framework binds it (case and all): it also reads numbers and comma-separated
                // flags, which name no member here.
                v.Add(Name, $"'{Name}' must be one of: {string.Join(", ", Enum.GetNames(Type))} (it is '{Truncated(value)}').");
            }
            else if (Type == typeof(int) || Type == typeof(long))
            {
                // The framework's own refusal of "ten" names no parameter ("$"); this names it.
                if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    || (Type == typeof(int) && number is < int.MinValue or > int.MaxValue))
                {
                    v.Add(Name, $"'{Name}' must be a whole number (it is '{Truncated(value)}').");
                }
            }
            else if (Type == typeof(string) && Name.EndsWith("Id", StringComparison.Ordinal))
            {
                v.Slug(Name, value);
            }
        }

        private static string Truncated(string value) => value.Length <= 40 ? value : value[..40] + "…";
    }
}

/// <summary>Runs <see cref="QueryParameterRules"/> once the endpoint is known, before its parameters are bound.</summary>
internal sealed class QueryParameterCheck(RequestDelegate next)
{
    private readonly ConcurrentDictionary<RouteEndpoint, QueryParameterRules.QueryParameter[]> _byEndpoint = new();

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.QueryString.HasValue && http.GetEndpoint() is RouteEndpoint endpoint)
        {
            var parameters = _byEndpoint.GetOrAdd(endpoint, QueryParameterRules.Describe);
            if (parameters.Length > 0)
            {
                var v = new Validator();
                foreach (var parameter in parameters)
                {
                    parameter.Check(http.Request.Query, v);
                }

                // The exception handler answers it as a validation problem (400, errors by parameter).
                v.ThrowIfInvalid();
            }
        }

        return next(http);
    }
}
