namespace NasSharp.Studies;

/// <summary>Where a trial is in its life; the store keeps it as the lower-case name.</summary>
public enum TrialState
{
    /// <summary>Queued: re-queued after an expired lease, a failure with retries left, or a released lease.</summary>
    Waiting,

    /// <summary>Leased to a worker that runs it and renews the lease.</summary>
    Running,

    /// <summary>Measured; its values count, once.</summary>
    Complete,

    /// <summary>Failed more often than the retries allow; never proposed again; it used one trial of the budget.</summary>
    Failed,
}
