using System.Reflection;
using LbcCommunity.Convenings;

namespace LbcCommunity.Tests.Convenings;

public sealed class ConveningEventTypesTests
{
    /// <summary>
    /// The types are the wire protocol and every other test matches on the constants: this one holds their values, so a
    /// renamed constant cannot quietly change what clients outside receive.
    /// </summary>
    [Fact]
    public void Each_event_type_is_sent_as_its_name_and_none_is_sent_twice()
    {
        var types = typeof(ConveningEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, Value: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.Equal(29, types.Count);
        Assert.All(types, t => Assert.Equal(t.Name, t.Value));
        Assert.Contains(("VoteCast", "VoteCast"), types);
        Assert.Contains(("JoinCodeRevoked", "JoinCodeRevoked"), types);
        Assert.Contains(("CafeRoundEnded", "CafeRoundEnded"), types);
        Assert.Contains(("PresenceSummary", "PresenceSummary"), types);
    }
}
