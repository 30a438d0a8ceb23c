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

    /// <summary>Too many calls on this connection; nothing was done. Send it again shortly.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The convening is moving to another silo (the one that held it died). Send the same action again.</summary>
    public const string ConveningMoving = "convening-moving";

    /// <summary>
    /// The acting participant has not joined the convening, or the connection has not joined it (Join or Resume first).
    /// Join, then act again.
    /// </summary>
    public const string NotJoined = "not-joined";

    /// <summary>The convening has ended: it takes no more actions, participants or join codes. Show its end.</summary>
    public const string ConveningEnded = "convening-ended";

    /// <summary>
    /// The convening has begun (an activity was started): its plan (title, time, agenda) no longer changes. Run it as
    /// planned, or plan another.
    /// </summary>
    public const string ConveningBegun = "convening-begun";

    /// <summary>
    /// A guest's join code is unknown, expired or revoked: they cannot join, come back or act with it. Sending again will
    /// not help; ask the facilitator for a new code.
    /// </summary>
    public const string JoinCodeInactive = "join-code-inactive";

    /// <summary>
    /// The action belongs to an activity that is not the one under way (the facilitator moved the agenda on). Follow the
    /// events (or read the snapshot again) and act in the current activity.
    /// </summary>
    public const string ActivityNotActive = "activity-not-active";

    /// <summary>No consensus round is open (the vote is over or has not begun): a vote or concern waits for the next round.</summary>
    public const string RoundClosed = "round-closed";

    /// <summary>The depth poll takes no ratings: the facilitator has not opened it yet, or the team's consensus is recorded.</summary>
    public const string PollClosed = "poll-closed";

    /// <summary>A World Café round is still running: the next one starts once it has ended (or extend this one).</summary>
    public const string RoundRunning = "round-running";

    /// <summary>No World Café round is running: notes and extensions wait for the next round.</summary>
    public const string NoRoundRunning = "no-round-running";

    /// <summary>A World Café note names a table the participant does not sit at this round: take it at one's own table.</summary>
    public const string NotAtTable = "not-at-table";

    /// <summary>The Four Simple Questions are saved: they take no more answers or upvotes.</summary>
    public const string AnswersSaved = "answers-saved";

    /// <summary>
    /// The personal action plan is closed (the facilitator closed it, and its actions went to the plan): it takes no more
    /// actions. Show what was written; a participant's own are on the convening's summary.
    /// </summary>
    public const string PersonalActionsClosed = "personal-actions-closed";

    /// <summary>
    /// The story's status does not allow this (a published story is not edited, a draft is not published, comments go
    /// under published stories). Read the story again and act on its status.
    /// </summary>
    public const string StoryStatus = "story-status";

    /// <summary>An attachment is not one of the accepted types (PNG, JPEG, GIF, WebP, PDF, read from its content) or is too large.</summary>
    public const string AttachmentRefused = "attachment-refused";

    /// <summary>
    /// The quarterly report's status does not allow this: only a draft or a returned report is changed or submitted,
    /// only a submitted one is reviewed. Read the report again and act on its status.
    /// </summary>
    public const string ReportStatus = "report-status";
}
