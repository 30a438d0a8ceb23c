using LbcCommunity.Contracts;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace LbcCommunity.Grains.RollUps;

/// <summary>
/// What region and initiative roll-ups share: the sums in memory (rebuilt on activation, never stored), a short timer
/// that passes changes on to the next level (<see cref="PassOnPeriod"/>), and one that shows them to watching relays at
/// most ten times a second.
/// </summary>
internal abstract class RollUpGrain(ILogger logger, TimeProvider time) : Grain, IWatchableRollUp
{
    /// <summary>How often changes are passed on: the throttle of every roll-up view (≤ 10 a second).</summary>
    internal static readonly TimeSpan PublishPeriod = TimeSpan.FromMilliseconds(100);

    private readonly ObserverManager<IRollUpObserver> _observers = new(TimeSpan.FromMinutes(1), logger);
    private bool _changedForNextLevel;
    private bool _changedForWatchers;

    protected TimeProvider Time => time;

    protected string TenantId => GrainKeys.TenantOf(this.GetPrimaryKeyString());

    /// <summary>The tenant's first month of the fiscal year, read at activation and at every read of the view.</summary>
    protected int FiscalYearStartMonth { get; private set; } = FiscalCalendar.DefaultStartMonth;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(ShowIfChanged, new GrainTimerCreationOptions(PublishPeriod, PublishPeriod));
        if (PassOnPeriod is { } passOn)
        {
            this.RegisterGrainTimer(PassOnIfChanged, new GrainTimerCreationOptions(passOn, passOn));
        }

        // Calls the roll-up makes itself (rebuild, flush) act for its own tenant.
        TenantScope.Enter(TenantId);
        await RefreshFiscalYear();
        await Rebuild();
    }

    /// <summary>
    /// The view with the fiscal labels of the tenant as it is now: a tenant that changes its fiscal year sees it on the
    /// next read (pushed views use the month last read, which changes once in a state's life).
    /// </summary>
    public virtual async Task<RollUpView> GetView()
    {
        await RefreshFiscalYear();
        return ViewNow();
    }

    public Task Watch(IRollUpObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IRollUpObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Sums the level below from scratch; called once per activation.</summary>
    protected abstract Task Rebuild();

    /// <summary>
    /// How often changes go to the level above (<see cref="PassOn"/>); <c>null</c> at the top. Shorter than the views'
    /// period: it is a hop inside the silo, and a rating's way to the state view is this wait plus the state view's own.
    /// </summary>
    protected virtual TimeSpan? PassOnPeriod => null;

    /// <summary>Passes the sums to the level above. Throwing keeps the change pending for the next tick.</summary>
    protected virtual Task PassOn() => Task.CompletedTask;

    protected abstract RollUpView ViewNow();

    protected void MarkChanged() => _changedForNextLevel = _changedForWatchers = true;

    private async Task RefreshFiscalYear() =>
        FiscalYearStartMonth = FiscalCalendar.Normalize((await GrainFactory.GetGrain<ITenantGrain>(TenantId).TryGet())?.FiscalYearStartMonth ?? FiscalCalendar.DefaultStartMonth);

    private async Task PassOnIfChanged()
    {
        if (!_changedForNextLevel)
        {
            return;
        }

        _changedForNextLevel = false;
        TenantScope.Enter(TenantId);
        try
        {
            await PassOn();
        }
        catch
        {
            _changedForNextLevel = true;
            throw;
        }
    }

    private Task ShowIfChanged()
    {
        if (!_changedForWatchers)
        {
            return Task.CompletedTask;
        }

        _changedForWatchers = false;
        if (_observers.Count > 0)
        {
            var view = ViewNow();
            _observers.Notify(observer => observer.RollUpChanged(view));
        }

        return Task.CompletedTask;
    }
}
