using System.Text.Json;
using LbcCommunity.Errors;
using LbcCommunity.Host.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LbcCommunity.Host.Api;

/// <summary>
/// Turns the domain's errors and unreadable requests into RFC 9457 problem details that name the problem.
/// Each carries the refusal's stable <c>code</c> (one of <see cref="ErrorCodes"/>, listed in docs/errors.md), the same
/// code a hub error starts with. Anything else stays a 500 without internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            DomainValidationException invalid => new HttpValidationProblemDetails(ToDictionary(invalid.Errors))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Detail = "Fix the fields listed in 'errors'; nothing was stored.",
            },
            EntityNotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = $"{notFound.Entity} not found.",
                Detail = notFound.Message,
            },
            EntityConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with what is stored.",
                Detail = conflict.Message,
                Extensions = { ["field"] = conflict.Field },
            },
            // A route cannot reach another tenant's grain; if a call ever tries, answer as if the thing did not exist.
            TenantMismatchException => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
            },
            AccessDeniedException denied => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = denied.Message,
            },
            BadHttpRequestException badRequest => Unreadable(httpContext, badRequest),
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        if (CodeOf(exception) is { } code)
        {
            problem.Extensions["code"] = code;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The refusal's code; unreadable requests are <see cref="ErrorCodes.Invalid"/> when they are 400s.</summary>
    private static string? CodeOf(Exception exception) => exception switch
    {
        DomainValidationException invalid => invalid.Code,
        EntityNotFoundException or TenantMismatchException => ErrorCodes.NotFound,
        EntityConflictException conflict => conflict.Code,
        AccessDeniedException => ErrorCodes.Forbidden,
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } => ErrorCodes.Invalid,
        _ => null,
    };

    private static ProblemDetails Unreadable(HttpContext httpContext, BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = RequestLimits.TooLargeDetail(RequestLimits.BodyLimitOf(httpContext)),
            };
        }

        if (exception.StatusCode == StatusCodes.Status400BadRequest && exception.InnerException is null && HasNoBody(httpContext.Request))
        {
            // The framework's own words ("Implicit body inferred for parameter…") speak of its binding, not of the API.
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["$"] = ["A JSON body is required: send the object this operation takes."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is missing.",
                Detail = "Nothing was stored.",
            };
        }

        if (exception.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"The JSON could not be read here: {FirstSentence(json.Message)}"] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this operation.",
                Detail = "Nothing was stored.",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.Message,
        };
    }

    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static Dictionary<string, string[]> ToDictionary(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
