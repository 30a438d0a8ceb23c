using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Notifications;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>What a participant sends to have their personal actions e-mailed to themself.</summary>
internal sealed record TakeAwayDraft(string? Email, string? Language);

/// <summary>
/// <c>…/convenings/{conveningId}/personal-actions</c>: what participants wrote in the personal action plan. A participant
/// (a guest too) reads their own and may e-mail them to themself; the convening's facilitators read everyone's.
/// </summary>
internal static class PersonalActionsEndpoints
{
    public static void MapPersonalActions(this RouteGroupBuilder convenings)
    {
        convenings.MapGet("/{conveningId}/personal-actions", async Task<Ok<IReadOnlyList<PersonalAction>>> (string tenantId, string conveningId, HttpContext http, IGrainFactory grains) =>
        {
            var grain = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            var convening = ApiRoutes.Found(await grain.TryGet(), "Convening", conveningId);
            var caller = http.Caller();
            return TypedResults.Ok(await grain.GetPersonalActions(caller.CanFacilitate(convening.OwnerKind, convening.OwnerId) ? null : ParticipantIdOf(caller, convening)));
        })
        .WithName("ListPersonalActions")
        .RequireAccess(AccessRule.ConveningReader)
        .WithSummary("The personal actions written in the convening: the caller's own (everyone's for its facilitators).")
        .ProducesProblem(StatusCodes.Status404NotFound);

        convenings.MapPost("/{conveningId}/personal-actions/email", async Task<NoContent> (string tenantId, string conveningId, TakeAwayDraft draft, HttpContext http, IGrainFactory grains, SmtpDigestMailer mailer) =>
        {
            var v = new Validator().Email("email", draft.Email);
            if (string.IsNullOrWhiteSpace(draft.Email))
            {
                v.Add("email", "'email' is required: the address to send your actions to.");
            }

            if (draft.Language is not (null or "en" or "es"))
            {
                v.Add("language", "'language' is en or es.");
            }

            v.ThrowIfInvalid();
            var grain = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            var convening = ApiRoutes.Found(await grain.TryGet(), "Convening", conveningId);
            if (!mailer.IsConfigured)
            {
                throw new EntityConflictException("email", "This service sends no e-mail (no SMTP server is set): print your actions instead.");
            }

            var caller = http.Caller();
            var mine = await grain.TakeAwayByMail(ParticipantIdOf(caller, convening));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await mailer.SendPersonalActions(new PersonalActionsMail(draft.Email!.Trim(), mine[0].OwnerName, draft.Language ?? "en", convening.Title, mine), timeout.Token);
            return TypedResults.NoContent();
        })
        .WithName("MailPersonalActions")
        .RequireAccess(AccessRule.ConveningReader)
        .WithSummary("E-mail the caller's own personal actions to an address they give (three times at most per participant).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The caller's participant id in the convening: a member by their member id, a guest or a person by their subject.</summary>
    private static string ParticipantIdOf(Caller caller, Convening convening) =>
        caller.MemberIdOn(convening.OwnerKind, convening.OwnerId) ?? caller.Subject;
}
