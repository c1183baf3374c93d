using NasSharp.Benchmarks;
using NasSharp.SearchSpaces;

namespace NasSharp.Tests.SearchSpaces;

public class ArchitectureConstraintTests
{
    private static readonly ISearchSpace Nb201 = SearchSpaceCatalog.Get("nb201");

    [Theory]
    [InlineData("params-cifar10<=0.5", "nb201", "params-cifar10", "<=", 0.5)]
    [InlineData(" flops-cifar10 > 100 ", "nb201", "flops-cifar10", ">", 100)]
    [InlineData("nb201-latency-help:gold-6226<8", "nb201-latency-help", "gold-6226", "<", 8)]
    [InlineData("params-cifar10>=1e-1", "nb201", "params-cifar10", ">=", 0.1)]
    public void Parses_metric_operator_and_bound_with_the_spaces_table_by_default(string text, string benchmark, string metric, string op, double bound) =>
        Assert.Equal(new ArchitectureConstraint(benchmark, metric, op, bound), ArchitectureConstraint.Parse(text, Nb201));

    [Theory]
    [InlineData("params-cifar10=0.5", "expected METRIC<=NUMBER")]
    [InlineData("params-cifar10<=big", "'big' is not a finite number")]
    [InlineData("params-cifar10<=NaN", "is not a finite number")]
    [InlineData("<=3", "no metric before '<='")]
    [InlineData("nb101:params<=3", "describes nb101, not nb201")]
    [InlineData("nope:params<=3", "Unknown benchmark 'nope'")]
    public void Refuses_bad_text_naming_what_was_expected(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => ArchitectureConstraint.Parse(text, Nb201)).Message);

    [Fact]
    public void Admits_by_its_operator_and_never_a_missing_value()
    {
        var le = new ArchitectureConstraint("nb201", "m", "<=", 1);
        var gt = le with { Operator = ">" };
        Assert.True(le.Admits(1));
        Assert.False(le.Admits(1.01));
        Assert.False(gt.Admits(1));
        Assert.True(gt.Admits(2));
        Assert.False(le.Admits(double.NaN));
        Assert.False(gt.Admits(double.NaN));
    }

    [Fact]
    public void Restricting_the_whole_space_keeps_exactly_the_feasible_classes_brute_force()
    {
        var root = TestData.Root;
        var table = BenchmarkCatalog.LoadNb201(root);
        var whole = SearchDomain.Whole(Nb201);
        var constraints = new[] { ArchitectureConstraint.Parse("params-cifar10<=0.3", Nb201), ArchitectureConstraint.Parse("flops-cifar10>20", Nb201) };
        var restricted = ArchitectureConstraint.Restrict(whole, constraints, () => root);
        var expected = whole.Members!.Where(a =>
        {
            int row = table.IndexOf(a);
            return table.Value("params-cifar10", row) <= 0.3 && table.Value("flops-cifar10", row) > 20;
        }).ToArray();
        Assert.NotEmpty(expected);
        Assert.True(expected.Length < whole.Size);
        Assert.Equal(expected, restricted.Members);
        Assert.Same(whole, ArchitectureConstraint.Restrict(whole, [], () => throw new InvalidOperationException("no table needed")));
    }

    [Fact]
    public void An_unknown_metric_lists_the_tables_and_an_empty_result_is_refused()
    {
        var root = TestData.Root;
        var whole = SearchDomain.Whole(Nb201);
        var e = Assert.Throws<ArgumentException>(() => ArchitectureConstraint.Restrict(whole, [ArchitectureConstraint.Parse("parms<=1", Nb201)], () => root));
        Assert.Contains("has no metric 'parms'", e.Message);
        Assert.Contains("params-cifar10", e.Message);
        e = Assert.Throws<ArgumentException>(() => ArchitectureConstraint.Restrict(whole, [ArchitectureConstraint.Parse("params-cifar10<0", Nb201)], () => root));
        Assert.Contains("No architecture of the nb201 domain satisfies nb201:params-cifar10<0", e.Message);
    }
}
