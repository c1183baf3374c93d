namespace NasSharp.Predictors;

/// <summary>
/// An ensemble of predictors of one kind (BANANAS, White et al. 2021): member i is fitted with seed + i; the
/// prediction is the members' mean and the spread their (population) standard deviation, for acquisition functions.
/// </summary>
public sealed class EnsemblePredictor : IUncertainPredictor
{
    private readonly IArchitecturePredictor[] members;
    private bool fitted;

    /// <summary>An ensemble of <paramref name="members"/> (now owned by it), all of one kind.</summary>
    /// <exception cref="ArgumentException">No members, or members of different kinds.</exception>
    public EnsemblePredictor(IReadOnlyList<IArchitecturePredictor> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("An ensemble needs at least one member.", nameof(members));
        if (members.Select(m => m.Kind).Distinct().Skip(1).Any())
            throw new ArgumentException($"An ensemble's members are of one kind, got {string.Join(", ", members.Select(m => m.Kind).Distinct())}.", nameof(members));
        this.members = [.. members];
    }

    /// <inheritdoc/>
    public string Kind => PredictorRegistry.Ensemble;

    /// <summary>The members' kind.</summary>
    public string MemberKind => members[0].Kind;

    /// <summary>The members, in seed order.</summary>
    public IReadOnlyList<IArchitecturePredictor> Members => members;

    /// <summary>Fits member i with <paramref name="seed"/> + i (wrapping past <see cref="int.MaxValue"/>).</summary>
    public void Fit(IReadOnlyList<string> architectures, IReadOnlyList<double> values, int seed)
    {
        fitted = false;
        for (int i = 0; i < members.Length; i++) members[i].Fit(architectures, values, unchecked(seed + i));
        fitted = true;
    }

    /// <inheritdoc/>
    public double[] Predict(IReadOnlyList<string> architectures) => PredictWithSpread(architectures).Mean;

    /// <inheritdoc/>
    public (double[] Mean, double[] Spread) PredictWithSpread(IReadOnlyList<string> architectures)
    {
        if (!fitted) throw new InvalidOperationException($"The {MemberKind} ensemble predicts only after Fit.");
        var predictions = members.Select(m => m.Predict(architectures)).ToArray();
        var mean = new double[architectures.Count];
        var spread = new double[architectures.Count];
        for (int a = 0; a < mean.Length; a++)
        {
            double m = 0;
            foreach (var p in predictions) m += p[a];
            m /= predictions.Length;
            double squares = 0;
            foreach (var p in predictions) squares += (p[a] - m) * (p[a] - m);
            mean[a] = m;
            spread[a] = Math.Sqrt(squares / predictions.Length);
        }
        return (mean, spread);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var member in members) member.Dispose();
    }
}
