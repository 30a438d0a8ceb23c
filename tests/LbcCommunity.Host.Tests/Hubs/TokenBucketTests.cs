using LbcCommunity.Host.Hubs;
using Microsoft.Extensions.Time.Testing;

namespace LbcCommunity.Host.Tests.Hubs;

/// <summary>The hubs' per-connection rate limit, on a clock the test moves.</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_allows_a_burst_of_twice_the_rate_then_refuses()
    {
        var bucket = new TokenBucket(20, new FakeTimeProvider());

        var taken = Enumerable.Range(0, 50).Count(_ => bucket.TryTake());

        Assert.Equal(40, taken);
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_as_time_passes_and_never_beyond_the_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(20, clock);
        while (bucket.TryTake())
        {
        }

        clock.Advance(TimeSpan.FromMilliseconds(49));
        var tooSoon = bucket.TryTake();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var after50Milliseconds = bucket.TryTake();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterASecond = Enumerable.Range(0, 30).Count(_ => bucket.TryTake());
        clock.Advance(TimeSpan.FromHours(1));
        var afterAnHour = Enumerable.Range(0, 100).Count(_ => bucket.TryTake());

        Assert.False(tooSoon);
        Assert.True(after50Milliseconds);
        Assert.Equal(20, afterASecond);
        Assert.Equal(40, afterAnHour);
    }
}
