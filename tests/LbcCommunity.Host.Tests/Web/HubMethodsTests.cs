using System.Reflection;
using LbcCommunity.Host.Hubs;
using LbcCommunity.Tests.Web;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Web;

/// <summary>
/// The web app's published hub methods (src/LbcCommunity.Web/src/protocol/hubs.ts) are the hubs' own: every public
/// method, its parameters by name and type in order, and its answer; and the client methods the hubs send to. The
/// wire records those name are held to the C# records by WireTypesTests (tests/LbcCommunity.Tests).
/// </summary>
public sealed class HubMethodsTests
{
    private static readonly TypeScriptDeclarations Published = TypeScriptDeclarations.ReadPublished();

    [Theory]
    [InlineData(typeof(ConveningHub), "ConveningHubMethods", "ConveningHubResults")]
    [InlineData(typeof(MonitoringHub), "MonitoringHubMethods", "MonitoringHubResults")]
    public void Each_hub_method_is_published_with_its_parameters_and_answer(Type hub, string methods, string results)
    {
        var declared = hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub)
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
        var parameters = Published.Interfaces[methods];
        var answers = Published.Interfaces[results];

        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), answers.Keys.Order(StringComparer.Ordinal));
        var nullability = new NullabilityInfoContext();
        Assert.All(declared.Values, method =>
        {
            var expected = method.GetParameters().Select(p => (p.Name!, TypeScriptName(p.ParameterType, nullability.Create(p)))).ToList();
            Assert.Equal(expected, parameters[method.Name].TupleElements());
            var answer = method.ReturnType.IsGenericType ? TypeScriptName(method.ReturnType.GetGenericArguments()[0], null) : "void";
            Assert.Equal(answer, answers[method.Name].Type);
        });
    }

    [Fact]
    public void The_client_methods_are_the_ones_the_hubs_send_to()
    {
        Assert.Equal(ConveningHub.EventsName, Assert.Single(Published.Constants["ConveningClientMethods"]).Value);
        Assert.Equal(MonitoringHub.RollUpUpdated, Assert.Single(Published.Constants["MonitoringClientMethods"]).Value);
    }

    [Fact]
    public void The_hubs_are_the_two_the_host_maps()
    {
        var hubs = typeof(ConveningHub).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Hub)) && !t.IsAbstract).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["ConveningHub", "MonitoringHub"], hubs);
    }

    /// <summary>How a parameter's or answer's C# type is written in hubs.ts (records and enums by their own names).</summary>
    private static string TypeScriptName(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeScriptName(underlying, null) + " | null";
        }

        var name = type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) => "number",
            { IsArray: true } => TypeScriptName(type.GetElementType()!, null) + "[]",
            _ => type.Name,
        };
        return nullability?.ReadState == NullabilityState.Nullable ? name + " | null" : name;
    }
}
