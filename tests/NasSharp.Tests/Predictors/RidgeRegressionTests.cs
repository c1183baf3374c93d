using NasSharp.Predictors;

namespace NasSharp.Tests.Predictors;

public class RidgeRegressionTests
{
    [Fact]
    public void A_tiny_penalty_recovers_an_exact_linear_function()
    {
        var rng = new Random(3);
        double[][] x = [.. Enumerable.Range(0, 30).Select(_ => new[] { rng.NextDouble() * 6, rng.NextDouble() * 6, rng.NextDouble() })];
        double[] y = [.. x.Select(r => 2 - 1.5 * r[0] + 0.25 * r[1] + 4 * r[2])];
        var fit = RidgeRegression.Fit(x, y, penalty: 1e-10);
        Assert.Equal(-1.5, fit.Weights[0], 6);
        Assert.Equal(0.25, fit.Weights[1], 6);
        Assert.Equal(4, fit.Weights[2], 6);
        Assert.Equal(2 - 1.5 * 1 + 0.25 * 2 + 4 * 3, fit.Predict([1, 2, 3]), 6);
    }

    [Fact]
    public void One_feature_matches_the_closed_form_and_the_intercept_is_not_penalised()
    {
        // x = 0, 1, 2, y = 1, 3, 2: centred Sxy = (−1)(−1) + 0 + (1)(0) = 1, Sxx = 2, so w = 1 / (2 + λ).
        double[][] x = [[0], [1], [2]];
        double[] y = [1, 3, 2];
        var fit = RidgeRegression.Fit(x, y, penalty: 0.5);
        Assert.Equal(1 / 2.5, fit.Weights[0], 12);
        Assert.Equal(2, fit.Intercept, 12);
        Assert.Equal(2 + (3 - 1) / 2.5, fit.Predict([3]), 12);

        // A huge penalty flattens the fit to the target mean, wherever the mean is.
        var flat = RidgeRegression.Fit(x, [.. y.Select(v => v + 100)], penalty: 1e12);
        Assert.Equal(102, flat.Predict([50]), 6);
    }

    [Fact]
    public void Fewer_rows_than_features_and_constant_columns_still_fit()
    {
        double[][] x = [[1, 0, 7, 2], [0, 1, 7, 0]];
        var fit = RidgeRegression.Fit(x, [1, -1], penalty: 1);
        Assert.All(fit.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.Equal(0, fit.Weights[2]);
        Assert.True(fit.Predict(x[0]) > fit.Predict(x[1]));
    }

    [Theory]
    [InlineData(0.0, "positive")]
    [InlineData(-1.0, "positive")]
    [InlineData(double.NaN, "positive")]
    public void A_non_positive_penalty_is_refused(double penalty, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([[1.0], [2.0]], [1, 2], penalty)).Message);

    [Fact]
    public void Bad_rows_are_named()
    {
        Assert.Contains("row 1 has 1 columns; row 0 has 2",
            Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([[1.0, 2], [3.0]], [1, 2], 1)).Message);
        Assert.Contains("row 1, column 0 is NaN",
            Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([[1.0], [double.NaN]], [1, 2], 1)).Message);
        Assert.Contains("Target 0 is",
            Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([[1.0], [2.0]], [double.PositiveInfinity, 2], 1)).Message);
        Assert.Contains("2 feature rows but 1 targets",
            Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([[1.0], [2.0]], [1], 1)).Message);
        Assert.Contains("at least one row", Assert.Throws<ArgumentException>(() => RidgeRegression.Fit([], [], 1)).Message);
        var fit = RidgeRegression.Fit([[1.0, 2], [3.0, 1]], [1, 2], 1);
        Assert.Contains("fitted on 2", Assert.Throws<ArgumentException>(() => fit.Predict([1.0])).Message);
    }
}
