using NasSharp.Evaluation.FewShot;
using NasSharp.Features;
using NasSharp.Meta;
using NasSharp.Predictors;
using NasSharp.SearchSpaces;

namespace NasSharp.Tests.FewShot;

public class FewShotFitterTests
{
    private static readonly ISearchSpace Nb201 = SearchSpaceCatalog.Get("nb201");

    /// <summary>Synthetic cost columns over every NB201 cell that throw when a column of <c>guarded</c> is read.</summary>
    private sealed class GuardedCosts(string? guarded) : ICostColumns
    {
        private readonly IReadOnlyList<string> archs = Nb201.Enumerate()!;

        public List<string> Read_ { get; } = [];

        public IReadOnlyList<string> Architectures => archs;

        public double[] Read(CostColumn column)
        {
            if (guarded is not null && column.Device == guarded)
                throw new InvalidOperationException($"The held-out device's column {column.Name} was read.");
            Read_.Add(column.Name);
            int salt = Math.Abs(column.Name.GetHashCode(StringComparison.Ordinal)) % 7;
            return [.. archs.Select((a, i) => 1 + Cost(a) + 0.1 * ((i * (salt + 3)) % 11))];
        }
    }

    /// <summary>A latency-like cost: 3 per 3x3 convolution, 1 per 1x1, 0.5 per pooling.</summary>
    private static double Cost(string arch) =>
        3 * Count(arch, "nor_conv_3x3") + Count(arch, "nor_conv_1x1") + 0.5 * Count(arch, "avg_pool_3x3");

    private static int Count(string arch, string op) => arch.Split(op).Length - 1;

    private static (string[] Archs, double[] Values) Support(int k)
    {
        var all = Nb201.Enumerate()!;
        string[] archs = [.. Enumerable.Range(0, k).Select(i => all[(i * 7919 + 13) % all.Count])];
        return (archs, [.. archs.Select(a => -Cost(a))]);
    }

    [Fact]
    public void LeaveDeviceOutNeverReadsTheHeldOutDevice()
    {
        var (archs, values) = Support(10);
        var guarded = new GuardedCosts("raspi4");
        using (var selected = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, FewShotFitter.Default, 0) { Costs = guarded, ExcludedDevice = "raspi4" }))
            Assert.Equal(FewShotTaskKind.Cost, selected.TaskKind);
        using var fit = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, PredictorRegistry.FeatureRidge, 0)
        {
            Costs = guarded, ExcludedDevice = "raspi4", TaskKind = FewShotTaskKind.Cost,
        });
        Assert.Equal(PredictorRegistry.FeatureRidge, fit.Kind);
        Assert.DoesNotContain(guarded.Read_, n => n.Contains("raspi4", StringComparison.Ordinal));
        Assert.Contains(fit.Features, n => n.Contains("gold-6226", StringComparison.Ordinal));
        // The guard works: without the exclusion the same fit reads raspi4 and fails.
        var e = Assert.Throws<InvalidOperationException>(() =>
            FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, FewShotFitter.Default, 0) { Costs = new GuardedCosts("raspi4") }));
        Assert.Contains("raspi4", e.Message);
    }

    [Fact]
    public void AutoDecidesTheTaskKindFromTheFlopsCorrelation()
    {
        var (archs, values) = Support(8);
        var costs = new GuardedCosts(null);
        using var cost = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, FewShotFitter.Default, 0) { Costs = costs, PriorDevices = [] });
        Assert.Equal(FewShotTaskKind.Cost, cost.TaskKind);
        Assert.True(cost.FlopsSpearman > 0.9, $"{cost.FlopsSpearman}");
        // Bigger is better: accuracy-like; with no meta-model the default is the graph-feature ridge.
        using var accuracy = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, [.. values.Select(v => -v)], FewShotFitter.Default, 0) { Costs = costs });
        Assert.Equal(FewShotTaskKind.Accuracy, accuracy.TaskKind);
        Assert.Equal(PredictorRegistry.FeatureRidge, accuracy.Kind);
        Assert.Equal(GraphFeatures.For(Nb201).Names, accuracy.Features);
        // The cost's order but positive values: a higher-is-better metric, which no oriented cost can be.
        double shift = 1 - values.Min();
        var (kind, taskKind, rho) = FewShotFitter.Choose(new FewShotRequest(Nb201, archs, [.. values.Select(v => v + shift)], FewShotFitter.Default, 0) { Costs = costs });
        Assert.True(rho > 0.9, $"{rho}");
        Assert.Equal(FewShotTaskKind.Accuracy, taskKind);
        Assert.Equal(PredictorRegistry.FeatureRidge, kind);
    }

    [Fact]
    public void CostDefaultRanksAnAdditiveCostFromTenCells()
    {
        var (archs, values) = Support(10);
        using var fit = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, FewShotFitter.Default, 0) { Costs = new GuardedCosts(null) });
        var pool = Nb201.Enumerate()!.Take(2000).ToArray();
        double rho = NasSharp.Evaluation.RankCorrelation.Spearman(fit.Predictor.Predict(pool), [.. pool.Select(a => -Cost(a))]);
        Assert.True(rho > 0.9, $"Spearman {rho}");
        // The default screens the cost features; an explicit feature-ridge reads them all.
        var ridge = Assert.IsType<FeatureRidgePredictor>(fit.Predictor);
        Assert.InRange(ridge.Weights.Count(w => w != 0), 1, FewShotFitter.CostScreen);
        Assert.True(ridge.FeatureNames.Count > FewShotFitter.CostScreen);
        using var explicitRidge = FewShotFitter.Fit(new FewShotRequest(Nb201, archs, values, PredictorRegistry.FeatureRidge, 0)
            { Costs = new GuardedCosts(null), TaskKind = FewShotTaskKind.Cost });
        Assert.True(Assert.IsType<FeatureRidgePredictor>(explicitRidge.Predictor).Weights.Count(w => w != 0) > FewShotFitter.CostScreen);
    }

    [Fact]
    public void AutoRefusesWhereItCannotDecide()
    {
        var nb101 = SearchSpaceCatalog.Get("nb101");
        var e = Assert.Throws<ArgumentException>(() => FewShotFitter.Fit(new FewShotRequest(nb101, [], [], FewShotFitter.Default, 0)));
        Assert.Contains("--task-kind", e.Message);
        var (archs, _) = Support(3);
        e = Assert.Throws<ArgumentException>(() =>
            FewShotFitter.Fit(new FewShotRequest(Nb201, archs, [-1.0, -1.0, -1.0], FewShotFitter.Default, 0) { Costs = new GuardedCosts(null) }));
        Assert.Contains("3 different support values", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            FewShotFitter.Fit(new FewShotRequest(nb101, [], [], FewShotFitter.Default, 0) { Costs = new GuardedCosts(null) }));
        Assert.Contains("nb201", e.Message);
    }

    private sealed class OneFeature(Dictionary<string, double> values) : IArchitectureFeaturizer
    {
        public IReadOnlyList<string> Names { get; } = ["x"];

        public double[] Compute(string arch) => [values[arch]];
    }

    [Fact]
    public void FeatureRidgeMatchesAHandComputedFit()
    {
        // x = 1, 2, 3 and y = 2, 4, 6: standardised, w = Σzx·zy / (Σzx² + λ) = 3 / (3 + 3) = 0.5 at λ = 3; at x = 4,
        // zx = 2/√(2/3) = 2.449, so y = mean 4 + 0.5 · 2.449 · std √(8/3) = 4 + 2 = 6.
        var all = Nb201.Enumerate()!;
        var x = new Dictionary<string, double> { [all[0]] = 1, [all[1]] = 2, [all[2]] = 3, [all[3]] = 4 };
        using var ridge = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)) { Penalties = [3] });
        ridge.Fit([all[0], all[1], all[2]], [2, 4, 6], seed: 0);
        // Values are z-scored in single precision, hence 5 digits.
        Assert.Equal(6, ridge.Predict([all[3]])[0], 5);
        Assert.Equal(3, ridge.Penalty);
        Assert.Equal(0.5, ridge.Weights[0], 5);
    }

    [Fact]
    public void AnchoredRidgeShrinksTowardsTheAnchorsFitNotTowardsZero()
    {
        // The same line as above: the anchor's unpenalised slope (zy = zx, so 1) explains it all and the ridge fits a
        // zero residual, so λ = 3 no longer shrinks: y(4) = 4 + 1 · 2.449 · 1.633 = 8, where the plain ridge gave 6.
        var all = Nb201.Enumerate()!;
        var x = new Dictionary<string, double> { [all[0]] = 1, [all[1]] = 2, [all[2]] = 3, [all[3]] = 4 };
        using var ridge = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)) { Penalties = [3], Anchor = "x" });
        ridge.Fit([all[0], all[1], all[2]], [2, 4, 6], seed: 0);
        Assert.Equal(8, ridge.Predict([all[3]])[0], 5);
        Assert.Equal(1, ridge.AnchorSlope, 5);
        Assert.Equal(0, ridge.Weights[0], 5);
        var e = Assert.Throws<ArgumentException>(() => new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)) { Anchor = "flops" }));
        Assert.Contains("anchor feature 'flops'", e.Message);
    }

    [Fact]
    public void FeatureRidgeChoosesPenaltyByLeaveOneOutAndRefusesBadInput()
    {
        var all = Nb201.Enumerate()!;
        var x = Enumerable.Range(0, 6).ToDictionary(i => all[i], i => (double)i);
        using var ridge = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)));
        ridge.Fit([.. all.Take(6)], [0, 1, 2, 3, 4, 5], seed: 0);
        // An exact line: every penalty only shrinks, so the left-out error grows with λ and the smallest wins.
        var errors = ridge.CrossValidatedError.OrderBy(p => p.Key).Select(p => p.Value).ToArray();
        Assert.Equal(5, errors.Length);
        Assert.True(errors.Zip(errors.Skip(1)).All(p => p.First < p.Second), string.Join(", ", errors));
        Assert.Equal(0.3, ridge.Penalty);
        var e = Assert.Throws<ArgumentException>(() => ridge.Fit([all[0], all[1]], [1, 1], 0));
        Assert.Contains("two different values", e.Message);
        using var graph = new FeatureRidgePredictor(Nb201);
        e = Assert.Throws<ArgumentException>(() => graph.Fit(["not-a-cell", all[1]], [1, 2], 0));
        Assert.Contains("not-a-cell", e.Message);
        Assert.Throws<InvalidOperationException>(() => new FeatureRidgePredictor(Nb201).Predict([all[0]]));
        Assert.Throws<ArgumentException>(() => new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig { Penalties = [0] }));
    }

    private sealed class Columns(Dictionary<string, double[]> values, params string[] names) : IArchitectureFeaturizer
    {
        public IReadOnlyList<string> Names { get; } = names;

        public double[] Compute(string arch) => values[arch];
    }

    [Fact]
    public void LogMagnitudeFitsAPowerLawExactlyAndPredictsInTheValuesUnits()
    {
        // Costs −e^x oriented as values: log-space fitting makes −log(−v) = −x a line in x, which the unpenalised
        // anchor fits exactly, so x = 4 predicts −e^4; the plain ridge on the values cannot (they are not linear in x).
        var all = Nb201.Enumerate()!;
        var x = new Dictionary<string, double> { [all[0]] = 1, [all[1]] = 2, [all[2]] = 3, [all[3]] = 4 };
        double[] costs = [-Math.Exp(1), -Math.Exp(2), -Math.Exp(3)];
        using var log = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)) { Penalties = [3], Anchor = "x", LogMagnitude = true });
        log.Fit([all[0], all[1], all[2]], costs, seed: 0);
        Assert.Equal(-Math.Exp(4), log.Predict([all[3]])[0], 3);
        using var plain = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new OneFeature(x)) { Penalties = [3], Anchor = "x" });
        plain.Fit([all[0], all[1], all[2]], costs, seed: 0);
        Assert.True(Math.Abs(plain.Predict([all[3]])[0] + Math.Exp(4)) > 10, $"{plain.Predict([all[3]])[0]}");
        // A zero (integer milliseconds) is floored at half the smallest magnitude, not log(0); mixed signs are refused.
        log.Fit([all[0], all[1], all[2]], [0, -2, -4], seed: 0);
        Assert.All(log.Predict([.. all.Take(4)]), p => Assert.True(double.IsFinite(p) && p < 0, $"{p}"));
        var e = Assert.Throws<ArgumentException>(() => log.Fit([all[0], all[1], all[2]], [-1, 2, 3], seed: 0));
        Assert.Contains("both signs", e.Message);
    }

    [Fact]
    public void ScreeningKeepsOnlyTheMostCorrelatedFeatures()
    {
        // "a" is the values, "b" nearly unrelated: screening one feature gives "b" no weight, without screening it has some.
        var all = Nb201.Enumerate()!;
        double[] values = [1, 2, 3, 4, 5];
        double[] b = [2, -1, 1, 3, -2];
        var rows = Enumerable.Range(0, 5).ToDictionary(i => all[i], i => new[] { values[i], b[i] });
        var archs = all.Take(5).ToArray();
        using var screened = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new Columns(rows, "a", "b")) { Penalties = [1], Screen = 1 });
        screened.Fit(archs, values, seed: 0);
        Assert.Equal(0, screened.Weights[1]);
        Assert.True(screened.Weights[0] > 0);
        Assert.Equal(["a"], screened.ReadFeatures);
        using var full = new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new Columns(rows, "a", "b")) { Penalties = [1] });
        full.Fit(archs, values, seed: 0);
        Assert.NotEqual(0, full.Weights[1]);
        Assert.Equal(["a", "b"], full.ReadFeatures);
        Assert.Throws<ArgumentException>(() => new FeatureRidgePredictor(Nb201, new FeatureRidgeConfig(new Columns(rows, "a", "b")) { Screen = 0 }));
    }
}
