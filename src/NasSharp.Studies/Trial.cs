using System.Text.Json.Nodes;

namespace NasSharp.Studies;

/// <summary>One architecture of a study, as the store holds it.</summary>
/// <param name="Id">Store id (unique within the store).</param>
/// <param name="Number">1-based number within the study, in the order the trials were asked for.</param>
/// <param name="Arch">Canonical architecture string.</param>
/// <param name="Key">The space's identity of the architecture (isomorphic cells share it); unique within the study.</param>
/// <param name="State">Where the trial is.</param>
/// <param name="Attempt">Attempts started (0 until first claimed).</param>
/// <param name="Failures">Attempts that failed or whose lease expired (released attempts do not count).</param>
/// <param name="Worker">The worker of the latest attempt.</param>
/// <param name="LeaseExpiry">When the running attempt's lease ends unless renewed.</param>
/// <param name="Heartbeat">The running attempt's last heartbeat.</param>
/// <param name="Values">The objectives' values of a complete trial (the first is the one a strategy optimises).</param>
/// <param name="Attributes">What the worker recorded beside the values (seconds, log path, stderr tail, parameters, …).</param>
/// <param name="Error">Why the latest attempt failed.</param>
/// <param name="Created">When it was asked for.</param>
/// <param name="Started">When its latest attempt started.</param>
/// <param name="Finished">When it completed or failed for good.</param>
/// <param name="Completion">1-based position among the study's completions: the order a rebuilt strategy is told them.</param>
public sealed record Trial(long Id, int Number, string Arch, string Key, TrialState State, int Attempt, int Failures, string? Worker,
    DateTimeOffset? LeaseExpiry, DateTimeOffset? Heartbeat, IReadOnlyList<double>? Values, JsonObject Attributes, string? Error,
    DateTimeOffset Created, DateTimeOffset? Started, DateTimeOffset? Finished, int? Completion)
{
    /// <summary>The lease of the running attempt.</summary>
    /// <exception cref="InvalidOperationException">The trial is not running.</exception>
    [System.Text.Json.Serialization.JsonIgnore]
    public TrialLease Lease => State == TrialState.Running
        ? new TrialLease(Id, Attempt, Worker!)
        : throw new InvalidOperationException($"Trial {Number} is {State.ToString().ToLowerInvariant()}, not running; it has no lease.");
}
