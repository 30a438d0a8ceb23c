namespace LbcCommunity.Errors;

/// <summary>An entity that the caller named does not exist in the caller's tenant.</summary>
[GenerateSerializer]
public sealed class EntityNotFoundException : Exception
{
    public EntityNotFoundException(string entity, string id)
        : base($"{entity} '{id}' was not found.")
    {
        Entity = entity;
        Id = id;
    }

    /// <summary>The kind of entity, in the domain's words (Team, Region, RubricVersion…).</summary>
    [Id(0)] public string Entity { get; }

    /// <summary>The id that was asked for.</summary>
    [Id(1)] public string Id { get; }
}

/// <summary>The request clashes with what is stored (an id already taken, a duplicate e-mail).</summary>
[GenerateSerializer]
public sealed class EntityConflictException : Exception
{
    public EntityConflictException(string field, string message, string code = ErrorCodes.Conflict)
        : base(message)
    {
        Field = field;
        Code = code;
    }

    /// <summary>The request field that clashes.</summary>
    [Id(0)] public string Field { get; }

    /// <summary>What clashed, as one of the <see cref="ErrorCodes"/>, for clients to act on.</summary>
    [Id(1)] public string Code { get; }
}

/// <summary>
/// The input breaks a rule of the domain. Carries every problem found, by field, so the caller can fix them at once.
/// Nothing was stored.
/// </summary>
[GenerateSerializer]
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(IReadOnlyDictionary<string, string[]> errors, string code = ErrorCodes.Invalid)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
    {
        Errors = errors;
        Code = code;
    }

    /// <summary>A single problem with one field; <paramref name="code"/> says which rule it broke when a client can act on it.</summary>
    public static DomainValidationException For(string field, string message, string code = ErrorCodes.Invalid) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, code);

    /// <summary>The problems, keyed by the request field (camelCase JSON path).</summary>
    [Id(0)] public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The rule broken, as one of the <see cref="ErrorCodes"/>: <see cref="ErrorCodes.Invalid"/> unless a more precise one applies.</summary>
    [Id(1)] public string Code { get; }
}

/// <summary>A grain call was made for one tenant to a grain of another. The call did not run.</summary>
[GenerateSerializer]
public sealed class TenantMismatchException : Exception
{
    public TenantMismatchException(string? callerTenant, string grainTenant)
        : base($"A call for tenant '{callerTenant ?? "(none)"}' may not reach a grain of tenant '{grainTenant}'.")
    {
        CallerTenant = callerTenant;
        GrainTenant = grainTenant;
    }

    [Id(0)] public string? CallerTenant { get; }

    [Id(1)] public string GrainTenant { get; }
}

/// <summary>The caller's role does not allow what they asked (HTTP 403). Nothing was changed.</summary>
[GenerateSerializer]
public sealed class AccessDeniedException(string message) : Exception(message);
