namespace LbcCommunity.Errors;

/// <summary>
/// The stable codes of refused calls, one word-group in kebab case that clients can act on. A hub error's message starts
/// with its code and a colon (<c>round-closed: level: The round is closed.</c>); an HTTP problem-details response carries
/// it as <c>code</c>. The list, with what a client should do for each, is in <c>docs/errors.md</c>; a test holds the two
/// together. A code, once published, keeps its meaning; new ones may be added.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The input breaks a rule; the message names the field. Fix it and send again.</summary>
    public const string Invalid = "invalid";

    /// <summary>What was named does not exist, or is in another tenant (the two are not told apart).</summary>
    public const string NotFound = "not-found";

    /// <summary>The request clashes with what is stored (an id taken, a duplicate).</summary>
    public const string Conflict = "conflict";

    /// <summary>The caller's role does not allow this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>No valid access token came with the call.</summary>
    public const string SignInRequired = "sign-in-required";

    /// <summary>A convening action came on a connection that has not joined the convening (Join or Resume first).</summary>
    public const string NotJoined = "not-joined";

    /// <summary>Too many calls on this connection; nothing was done. Send it again shortly.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The convening is moving to another silo (the one that held it died). Send the same action again.</summary>
    public const string ConveningMoving = "convening-moving";
}
