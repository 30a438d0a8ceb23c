using LbcCommunity.Errors;

namespace LbcCommunity.Grains;

/// <summary>A grain whose state lives in the grain store and is written after every change.</summary>
internal abstract class PersistentGrain<TState>(IPersistentState<TState> state) : Grain
{
    protected TState State => state.State;

    /// <summary>
    /// Writes the state. When the write fails (store down, a stale ETag after a split activation) the in-memory
    /// state no longer matches the store, so the activation is dropped after this call and the next call reloads
    /// what was really stored. The caller gets the error: nothing unacknowledged is reported as saved.
    /// </summary>
    protected Task Save() => Save(state);

    /// <summary>Writes another state of this grain, with the same rule as <see cref="Save()"/>.</summary>
    protected Task Save<T>(IPersistentState<T> facet) => Save(facet.WriteStateAsync);

    /// <summary>Any other write of this grain's stored records, with the same rule as <see cref="Save()"/>.</summary>
    protected async Task Save(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Records a child entity's id in this grain's list before the child is created. If the child's creation then
    /// fails, the id stays recorded but names nothing: lists skip it, and a retry with the same id goes through.
    /// </summary>
    protected async Task ReserveChildId(List<string> ids, string id, string entity, Func<Task<bool>> childExists, Action? alsoRecord = null)
    {
        // Ids are unique across the tenant: a team id taken in another initiative is taken here too.
        if (await childExists())
        {
            throw new EntityConflictException("id", $"{entity} '{id}' already exists.");
        }

        if (!ids.Contains(id))
        {
            ids.Add(id);
            alsoRecord?.Invoke();
            await Save();
        }
    }
}
