using System.Threading.RateLimiting;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Hosting;
using LbcCommunity.Host.Stories;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// A story's attachments (images and PDFs, type read from the content) and the story's link: the public route that
/// anyone holding the share token reads without signing in (rate-limited per address).
/// </summary>
internal static class StoryAttachmentsEndpoints
{
    /// <summary>The rate-limit policy of the public link routes: 60 requests a minute per client address.</summary>
    public const string SharedPolicy = "shared-story";

    public static void MapStoryAttachments(this RouteGroupBuilder story)
    {
        story.MapPost("/attachments", async Task<Created<StoryAttachment>> (string tenantId, string storyId, string? fileName, string? altText, HttpContext http, IGrainFactory grains, IAttachmentStore store) =>
        {
            var name = AttachmentRules.FileName(fileName);
            var grain = StoriesEndpoints.Story(grains, tenantId, storyId);
            var viewer = StoriesEndpoints.Viewer(http);
            await grain.RequireAttachable(viewer);
            var content = await ReadBody(http.Request, http.RequestAborted);
            var contentType = AttachmentRules.Sniff(content);
            var alt = AttachmentRules.AltText(altText, contentType);
            var attachment = new StoryAttachment { Id = "a-" + OrganizationRules.NewId(), FileName = name, ContentType = contentType, SizeBytes = content.Length, AddedAt = DateTimeOffset.UtcNow, AltText = alt };
            // The bytes first, then the record: a refusal in between leaves no record, and the bytes are removed again.
            await store.Put(tenantId, storyId, attachment.Id, content, http.RequestAborted);
            try
            {
                await grain.AddAttachment(attachment, viewer);
            }
            catch
            {
                await store.Delete(tenantId, storyId, attachment.Id, CancellationToken.None);
                throw;
            }

            return TypedResults.Created($"/api/tenants/{tenantId}/stories/{storyId}/attachments/{attachment.Id}", attachment);
        })
        .WithName("AddStoryAttachment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithBodyLimit(AttachmentRules.MaxBytes)
        .WithSummary("Attach an image (PNG, JPEG, GIF, WebP) or a PDF to a draft: the raw bytes as the body, ?fileName= its name, ?altText= what the picture shows (required for images); at most 4 MiB.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapGet("/attachments/{attachmentId}", async (string tenantId, string storyId, string attachmentId, HttpContext http, IGrainFactory grains, IAttachmentStore store) =>
        {
            var attachment = await StoriesEndpoints.Story(grains, tenantId, storyId).GetAttachment(attachmentId, StoriesEndpoints.Viewer(http));
            return await Serve(http, store, tenantId, storyId, attachment);
        })
        .WithName("GetStoryAttachment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("An attachment's bytes, with its type, nosniff and a sandboxing content security policy.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        story.MapDelete("/attachments/{attachmentId}", async Task<NoContent> (string tenantId, string storyId, string attachmentId, HttpContext http, IGrainFactory grains, IAttachmentStore store) =>
        {
            if (!await StoriesEndpoints.Story(grains, tenantId, storyId).RemoveAttachment(attachmentId, StoriesEndpoints.Viewer(http)))
            {
                throw new EntityNotFoundException("Attachment", attachmentId);
            }

            await store.Delete(tenantId, storyId, attachmentId, http.RequestAborted);
            return TypedResults.NoContent();
        })
        .WithName("RemoveStoryAttachment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Remove an attachment from a draft (its author).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The rate limiter of the public link routes.</summary>
    public static IServiceCollection AddSharedStoryLimits(this IServiceCollection services) => services.AddRateLimiter(limits =>
    {
        limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limits.AddPolicy(SharedPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    });

    /// <summary>
    /// <c>/shared/{tenantId}/stories/{storyId}/{shareToken}</c> (and <c>…/attachments/{attachmentId}</c>): a published story of
    /// link visibility, for anyone holding its token, without sign-in. Anything else, a wrong token, a story of another
    /// visibility, a tenant that does not exist, answers the same 404.
    /// </summary>
    public static IEndpointRouteBuilder MapSharedStories(this IEndpointRouteBuilder app)
    {
        var shared = app.MapGroup("/shared/{tenantId}/stories/{storyId}/{shareToken}").WithTags("Stories").AllowAnonymous().RequireRateLimiting(SharedPolicy);
        shared.MapGet("/", async Task<Results<Ok<Story>, NotFound>> (string tenantId, string storyId, string shareToken, IGrainFactory grains, StoryMarkdown markdown) =>
        {
            if (!await Enter(grains, tenantId, storyId))
            {
                return TypedResults.NotFound();
            }

            TenantScope.Enter(tenantId);

            try
            {
                return TypedResults.Ok(StoriesEndpoints.Rendered(await StoriesEndpoints.Story(grains, tenantId, storyId).Read(StoryViewer.Anonymous, shareToken), markdown));
            }
            catch (EntityNotFoundException)
            {
                return TypedResults.NotFound();
            }
        })
        .WithName("GetSharedStory")
        .WithSummary("A story by its link (link visibility, published), without sign-in.");

        shared.MapGet("/attachments/{attachmentId}", async (string tenantId, string storyId, string shareToken, string attachmentId, HttpContext http, IGrainFactory grains, IAttachmentStore store) =>
        {
            if (!Validator.IsSlug(attachmentId) || !await Enter(grains, tenantId, storyId))
            {
                return Results.NotFound();
            }

            TenantScope.Enter(tenantId);

            try
            {
                var attachment = await StoriesEndpoints.Story(grains, tenantId, storyId).GetAttachment(attachmentId, StoryViewer.Anonymous, shareToken);
                return await Serve(http, store, tenantId, storyId, attachment);
            }
            catch (EntityNotFoundException)
            {
                return Results.NotFound();
            }
        })
        .WithName("GetSharedStoryAttachment")
        .WithSummary("An attachment of a story by its link, without sign-in.");
        return app;
    }

    private static async Task<bool> Enter(IGrainFactory grains, string tenantId, string storyId)
    {
        if (!Validator.IsSlug(tenantId) || !Validator.IsSlug(storyId))
        {
            return false;
        }

        // Entered here for this call, and again by the caller: a request context set in an awaited method does not flow back.
        TenantScope.Enter(tenantId);
        return await grains.GetGrain<ITenantGrain>(tenantId).TryGet() is not null;
    }

    private static async Task<IResult> Serve(HttpContext http, IAttachmentStore store, string tenantId, string storyId, StoryAttachment attachment)
    {
        var bytes = await store.Read(tenantId, storyId, attachment.Id, http.RequestAborted) ?? throw new EntityNotFoundException("Attachment", attachment.Id);
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        headers.CacheControl = "private, max-age=300";
        // PDFs are downloaded, never shown inside the app's origin; images are shown inline.
        return attachment.ContentType == AttachmentRules.Pdf
            ? Results.File(bytes, attachment.ContentType, attachment.FileName)
            : Results.File(bytes, attachment.ContentType);
    }

    private static async Task<byte[]> ReadBody(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > AttachmentRules.MaxBytes)
            {
                break;
            }
        }

        return buffer.ToArray();
    }
}
