namespace NasSharp.Studies.Workers;

/// <summary>How a worker pulls and runs trials.</summary>
/// <param name="Worker">The worker's name in the store (default: host:pid).</param>
/// <param name="OutputFolder">Where each attempt's result file and log go (trial-N-attempt-A.json/.log).</param>
/// <param name="MaxTrials">Attempts to run before stopping; null runs until the study is finished.</param>
/// <param name="Timeout">An attempt running longer is stopped and fails; null for no limit.</param>
/// <param name="Retries">Failures (errors, timeouts, expired leases) a trial may have before it fails for good (2).</param>
/// <param name="Lease">How long a claim lasts without a heartbeat (60 s); a killed worker's trial returns to the queue after it.</param>
/// <param name="Poll">How long to wait before asking again while other workers' trials run and none can be claimed (5 s).</param>
public sealed record WorkerConfig(string Worker, string OutputFolder, int? MaxTrials = null, TimeSpan? Timeout = null, int Retries = 2,
    TimeSpan? Lease = null, TimeSpan? Poll = null)
{
    /// <summary>The lease length used.</summary>
    public TimeSpan LeaseLength => Lease ?? TimeSpan.FromSeconds(60);

    /// <summary>The wait between asks used.</summary>
    public TimeSpan PollInterval => Poll ?? TimeSpan.FromSeconds(5);

    /// <summary>Heartbeats come three times per lease, so two may be lost before it expires.</summary>
    public TimeSpan HeartbeatInterval => LeaseLength / 3;

    /// <summary>The default worker name: this host and process.</summary>
    public static string DefaultName => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Worker)) throw new ArgumentException("A worker needs a name (--worker).");
        if (MaxTrials is < 1) throw new ArgumentException($"--max-trials must be at least 1, got {MaxTrials}.");
        if (Retries < 0) throw new ArgumentException($"--retries must be at least 0, got {Retries}.");
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException($"--timeout must be positive, got {t}.");
        if (LeaseLength < TimeSpan.FromSeconds(1)) throw new ArgumentException($"--lease must be at least 1 s, got {LeaseLength}.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentException($"--poll must be positive, got {PollInterval}.");
    }
}
