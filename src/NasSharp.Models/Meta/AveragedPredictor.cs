using NasSharp.Encodings;

namespace NasSharp.Meta;

/// <summary>
/// The mean of several few-shot predictors' scores. Each member is fitted to the same z-scored support values, so their
/// scores share one unit and an unweighted mean needs no calibration. The first member is the one reported (steps,
/// start, cross-validation); the combination owns and disposes every member.
/// </summary>
public sealed class AveragedPredictor : IFewShotPredictor
{
    private readonly IFewShotPredictor[] members;

    /// <summary>Averages <paramref name="members"/> (at least one).</summary>
    /// <exception cref="ArgumentException">No members.</exception>
    public AveragedPredictor(params IFewShotPredictor[] members)
    {
        if (members.Length == 0) throw new ArgumentException("An average needs at least one predictor.", nameof(members));
        this.members = members;
    }

    /// <inheritdoc/>
    public int Steps => members[0].Steps;

    /// <inheritdoc/>
    public FineTuningStart? Start => members[0].Start;

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, double> CrossValidatedSpearman => members[0].CrossValidatedSpearman;

    /// <inheritdoc/>
    public double[] Predict(GraphBatch graphs)
    {
        var sum = new double[graphs.Count];
        foreach (var member in members)
        {
            double[] scores = member.Predict(graphs);
            for (int i = 0; i < sum.Length; i++) sum[i] += scores[i] / members.Length;
        }
        return sum;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var member in members) member.Dispose();
    }
}
