using System.Globalization;
using System.Text.Json.Serialization;

namespace NasSharp.Predictors.Features;

/// <summary>The hyper-parameters of one tree ensemble, as the cross-validation grid and model files record them.</summary>
/// <param name="Trees">Number of trees (boosting iterations for the boosted learners).</param>
/// <param name="Leaves">Most leaves per tree.</param>
/// <param name="LearningRate">Shrinkage of each boosted tree; unused by the forest.</param>
/// <param name="MinExamplesPerLeaf">Fewest training examples in a leaf.</param>
public sealed record TreeSettings(
    [property: JsonPropertyName("trees")] int Trees,
    [property: JsonPropertyName("leaves")] int Leaves,
    [property: JsonPropertyName("learning_rate")] double LearningRate,
    [property: JsonPropertyName("min_examples_per_leaf")] int MinExamplesPerLeaf)
{
    /// <summary>Refuses settings no learner can train with.</summary>
    /// <exception cref="ArgumentException">A count below its minimum, or a learning rate not in (0, 1].</exception>
    public void Validate()
    {
        if (Trees < 1) throw new ArgumentException($"Tree settings {this}: trees must be at least 1.");
        if (Leaves < 2) throw new ArgumentException($"Tree settings {this}: leaves must be at least 2.");
        if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentException($"Tree settings {this}: the learning rate must be in (0, 1].");
        if (MinExamplesPerLeaf < 1) throw new ArgumentException($"Tree settings {this}: min examples per leaf must be at least 1.");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"trees {Trees}, leaves {Leaves}, lr {LearningRate:G}, min leaf {MinExamplesPerLeaf}");
}
