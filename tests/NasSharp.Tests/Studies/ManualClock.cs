namespace NasSharp.Tests.Studies;

/// <summary>A clock the test moves by hand, so lease expiry is tested without waiting on wall time.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
