using LbcCommunity.Errors;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// Hub errors as clients read them: <c>code: what happened</c>, the code one of <see cref="ErrorCodes"/> (the table is in
/// docs/errors.md). SignalR sends a <see cref="HubException"/>'s message to the caller; any other exception reaches the
/// caller as a generic failure and is logged as a fault (<see cref="HubErrorLog"/>).
/// </summary>
internal static class HubErrors
{
    /// <summary>A refusal with its code: <c>code: text</c>.</summary>
    public static HubException Of(string code, string text) => new($"{code}: {text}");

    /// <summary>The hub error for a domain refusal, naming the field where there is one; null for anything else.</summary>
    public static HubException? From(Exception refused) => refused switch
    {
        DomainValidationException invalid => Of(invalid.Code, string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
        EntityNotFoundException notFound => Of(ErrorCodes.NotFound, notFound.Message),
        EntityConflictException conflict => Of(conflict.Code, $"{conflict.Field}: {conflict.Message}"),
        AccessDeniedException denied => Of(ErrorCodes.Forbidden, denied.Message),
        // A grain of another tenant was reached: answered like something that does not exist, naming nothing.
        TenantMismatchException => Of(ErrorCodes.NotFound, "Not found."),
        _ => null,
    };
}

/// <summary>
/// The filter that answers every hub method's domain refusals as coded hub errors (<see cref="HubErrors.From"/>), and a
/// convening that cannot be reached where it was as the retryable <c>convening-moving</c> (<see cref="ConveningMoves"/>):
/// a hub method throws the domain's exceptions and needs no try/catch of its own. Nothing was changed by a refused call.
/// </summary>
internal sealed class HubErrorMapping(ConveningMoves moves) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var convening = HubCallShape.Of(invocationContext.HubMethod).ConveningKey(invocationContext.HubMethodArguments);
        try
        {
            var answer = await next(invocationContext);
            if (convening is not null)
            {
                moves.Answered(convening);
            }

            return answer;
        }
        catch (Exception failed) when (convening is not null && ConveningMoves.IsMoving(failed))
        {
            throw moves.Moving(convening, failed);
        }
        catch (Exception failed) when (HubErrors.From(failed) is { } refusal)
        {
            throw refusal;
        }
    }
}
