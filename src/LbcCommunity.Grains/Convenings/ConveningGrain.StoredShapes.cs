namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// Convenings stored in earlier shapes are moved to the current one when they are activated, so the rest of the grain
/// knows one shape only. Each move is safe to cut short: the next activation finishes it.
/// </summary>
internal sealed partial class ConveningGrain
{
    private async Task MoveEarlierStoredShapes()
    {
        // A convening stored before its people had a state of their own: move them there (people first, so a crash
        // between the two writes leaves them in both places, and the next activation finishes the move).
        if (State.Participants.Count > 0 || State.Present.Count > 0)
        {
            if (People.Participants.Count == 0)
            {
                People.Participants = State.Participants;
                People.Present = State.Present;
                await Save(people);
            }

            State.Participants = [];
            State.Present = [];
            await Save();
        }

        // A convening stored before its log had pages kept its events and action ids in lists of its state: they become
        // its tail (one write of the same record; the next write group pages them).
        if (State.RecentEvents.Count > 0 || State.Actions.Count > 0)
        {
            var byEvent = State.Actions.ToDictionary(a => a.Value, a => a.Key);
            var events = State.RecentEvents.ToDictionary(e => e.Sequence);
            State.LogTail = [.. events.Keys.Union(byEvent.Keys).Order()
                .Select(sequence => new LoggedEvent { Sequence = sequence, Event = events.GetValueOrDefault(sequence), ActionId = byEvent.GetValueOrDefault(sequence) })];
            State.RecentEvents = [];
            State.Actions = new(StringComparer.Ordinal);
            State.ActionOrder = [];
            await Save();
        }
    }
}
