using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace NasSharp.Predictors.Features;

/// <summary>
/// One fitted ML.NET tree ensemble over fixed-width float feature rows: fitting, batch scoring and (de)serialisation
/// of the ML.NET model. Each fit makes its own <c>MLContext(seed)</c> and trains single-threaded, so the same rows,
/// settings and seed give bitwise the same model.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly MLContext ml;
    private readonly ITransformer model;

    private TreeEnsemble(MLContext ml, ITransformer model, int width)
    {
        this.ml = ml;
        this.model = model;
        Width = width;
    }

    /// <summary>Features per row the model was trained on.</summary>
    public int Width { get; }

    /// <summary>
    /// Fits a <paramref name="learner"/> ensemble with <paramref name="settings"/> on <paramref name="rows"/> (equal
    /// widths; NaN marks a missing value, which the trees route on their own) and their <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, rows of different widths, or counts that do not match.</exception>
    public static TreeEnsemble Fit(TreeLearner learner, TreeSettings settings, IReadOnlyList<float[]> rows, IReadOnlyList<float> labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (rows.Count == 0 || rows.Count != labels.Count)
            throw new ArgumentException($"A tree ensemble needs one label per row and at least one row; got {rows.Count} rows and {labels.Count} labels.");
        int width = WidthOf(rows);
        var ml = new MLContext(seed);
        var data = Load(ml, rows, labels, width);
        var model = Trainer(ml, learner, settings, seed).Fit(data);
        return new TreeEnsemble(ml, model, width);
    }

    /// <summary>The model's score of each of <paramref name="rows"/>, in one batch.</summary>
    /// <exception cref="ArgumentException">A row's width is not <see cref="Width"/>.</exception>
    public double[] Predict(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        int width = WidthOf(rows);
        if (width != Width) throw new ArgumentException($"The tree ensemble was trained on {Width} features per row, got {width}.");
        var scored = model.Transform(Load(ml, rows, new float[rows.Count], width));
        return [.. scored.GetColumn<float>("Score").Select(s => (double)s)];
    }

    /// <summary>The ML.NET model as bytes (<c>MLContext.Model.Save</c>), for a model file.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, Load(ml, [], [], Width).Schema, stream);
        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/> that scores rows of <paramref name="width"/> features.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ML.NET model over rows of that width.</exception>
    public static TreeEnsemble Load(byte[] bytes, int width)
    {
        var ml = new MLContext(0);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var model = ml.Model.Load(stream, out var schema);
            var features = schema.GetColumnOrNull("Features");
            if (features?.Type is not VectorDataViewType { Size: var size } || size != width)
                throw new InvalidDataException($"the ML.NET model's input is not a vector of {width} features");
            return new TreeEnsemble(ml, model, width);
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"the ML.NET model does not load: {e.Message}", e);
        }
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TreeLearner learner, TreeSettings s, int seed) => learner switch
    {
        TreeLearner.FastForest => ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinExamplesPerLeaf,
            NumberOfThreads = 1, Seed = seed, FeatureSelectionSeed = seed,
        }),
        TreeLearner.FastTree => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinExamplesPerLeaf,
            LearningRate = s.LearningRate, NumberOfThreads = 1, Seed = seed, FeatureSelectionSeed = seed,
        }),
        TreeLearner.LightGbm => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinExamplesPerLeaf,
            LearningRate = s.LearningRate, NumberOfThreads = 1, Seed = seed, Silent = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(learner), learner, "Unknown tree learner."),
    };

    private static IDataView Load(MLContext ml, IReadOnlyList<float[]> rows, IReadOnlyList<float> labels, int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var items = new Row[rows.Count];
        for (int i = 0; i < items.Length; i++) items[i] = new Row { Label = labels[i], Features = rows[i] };
        return ml.Data.LoadFromEnumerable(items, schema);
    }

    private static int WidthOf(IReadOnlyList<float[]> rows)
    {
        int width = rows[0].Length;
        for (int i = 1; i < rows.Count; i++)
            if (rows[i].Length != width)
                throw new ArgumentException($"Feature row {i} has {rows[i].Length} features, row 0 has {width}.");
        if (width == 0) throw new ArgumentException("Feature rows are empty: a tree ensemble needs at least one feature.");
        return width;
    }

    /// <summary>The row type ML.NET reads; the feature width is set per model through the schema.</summary>
    private sealed class Row
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
