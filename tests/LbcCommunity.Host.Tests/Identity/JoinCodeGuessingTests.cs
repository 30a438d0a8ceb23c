using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>Join codes cannot be guessed at speed: an address that tries too many wrong ones is held off for a minute.</summary>
public sealed class JoinCodeGuessingTests
{
    [Fact]
    public async Task After_too_many_wrong_codes_from_one_address_even_a_right_code_waits()
    {
        using var folder = new TemporaryFolder();
        await using var host = new LbcHostFactory(folder.Path, new Dictionary<string, string?> { ["Identity:JoinCodeFailuresPerMinute"] = "3" });
        var session = await ConveningWorld.Plan(host);
        var code = (await ConveningWorld.IssueJoinCode(host, session.FacilitatorToken, session.State, session.ConveningId)).Code;
        Assert.NotNull(await host.GuestToken(code, "Before any guessing"));

        var guesses = new List<LbcSignInException>();
        foreach (var guess in new[] { "AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC" })
        {
            guesses.Add(await Assert.ThrowsAsync<LbcSignInException>(() => host.GuestToken(guess, "Guesser")));
        }

        var heldOff = await Assert.ThrowsAsync<LbcSignInException>(() => host.GuestToken(code, "A real guest, same address"));

        Assert.All(guesses, g => Assert.Contains("invalid_grant", g.Body, StringComparison.Ordinal));
        Assert.Contains("Too many wrong join codes", heldOff.Body, StringComparison.Ordinal);
    }
}
