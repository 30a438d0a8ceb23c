using LbcCommunity.Client;
using LbcCommunity.Errors;
using LbcCommunity.Host.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Hubs;

/// <summary>How the domain's refusals read as hub errors, and how the .NET client reads their codes back.</summary>
public sealed class HubErrorCodesTests
{
    [Fact]
    public void Domain_refusals_become_hub_errors_that_start_with_their_code_and_name_the_field()
    {
        var invalid = HubErrors.From(DomainValidationException.For("level", "On the FistToFive scale a vote is 0–5 (it is 9)."));
        var precise = HubErrors.From(DomainValidationException.For("round", "No round is open.", "round-closed"));
        var notFound = HubErrors.From(new EntityNotFoundException("Team", "cafe"));
        var conflict = HubErrors.From(new EntityConflictException("id", "Team 'cafe' exists."));
        var denied = HubErrors.From(new AccessDeniedException("Only a facilitator may."));
        var foreign = HubErrors.From(new TenantMismatchException("georgia", "florida"));

        Assert.Equal("invalid: level: On the FistToFive scale a vote is 0–5 (it is 9).", invalid!.Message);
        Assert.Equal("round-closed: round: No round is open.", precise!.Message);
        Assert.Equal("not-found: Team 'cafe' was not found.", notFound!.Message);
        Assert.Equal("conflict: id: Team 'cafe' exists.", conflict!.Message);
        Assert.Equal("forbidden: Only a facilitator may.", denied!.Message);
        // Nothing about the other tenant is named.
        Assert.Equal("not-found: Not found.", foreign!.Message);
        Assert.Null(HubErrors.From(new InvalidOperationException("a fault")));
    }

    [Theory]
    [InlineData("An unexpected error occurred invoking 'CastVote' on the server. HubException: rate-limited: Too many calls.", "rate-limited", "Too many calls.")]
    [InlineData("convening-moving: the convening is moving.", "convening-moving", "the convening is moving.")]
    [InlineData("An unexpected error occurred invoking 'CastVote' on the server. HubException: Not a code: out of range.", null, "Not a code: out of range.")]
    [InlineData("An unexpected error occurred invoking 'X' on the server.", null, "An unexpected error occurred invoking 'X' on the server.")]
    public void The_client_reads_the_code_and_the_words_after_it(string message, string? code, string text)
    {
        var error = new HubException(message);

        Assert.Equal(code, HubErrorCodes.Of(error));
        Assert.Equal(text, HubErrorCodes.TextOf(error));
        Assert.Equal(code == ErrorCodes.ConveningMoving, ConveningClient.IsMoving(error));
    }
}
