using NasSharp.Studies.Workers;

namespace NasSharp.Tests.Studies;

/// <summary>Reading a trial's answer: the result file first, else the last stdout line; every bad answer says what and where.</summary>
public sealed class TrialResultParserTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nassharp-result-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Out => Path.Combine(folder, "trial-1-attempt-1.json");

    [Fact]
    public void The_result_file_wins_over_stdout_and_other_fields_become_attributes()
    {
        File.WriteAllText(Out, """{"value": 93.25, "params": 1.5, "seconds": 61, "note": "ok"}""");
        var (result, error) = TrialResultParser.Parse(Out, """{"value": 1}""", ["value", "params"]);
        Assert.Null(error);
        Assert.Equal([93.25, 1.5], result!.Values);
        Assert.Equal(61, result.Attributes["seconds"]!.GetValue<double>());
        Assert.Equal("ok", result.Attributes["note"]!.GetValue<string>());
        Assert.False(result.Attributes.ContainsKey("value"));
    }

    [Fact]
    public void Without_a_file_the_last_stdout_line_is_read()
    {
        var (result, error) = TrialResultParser.Parse(Out, """{"value": -0.5}""", ["value"]);
        Assert.Null(error);
        Assert.Equal([-0.5], result!.Values);
    }

    [Theory]
    [InlineData("""{"value": 9""", "the last line of standard output is not JSON")]
    [InlineData("""{"value": NaN}""", "is not JSON")]
    [InlineData("""{"accuracy": 9, "loss": 1}""", "has no field 'value' (it has accuracy, loss)")]
    [InlineData("""{"value": "NaN"}""", "field 'value' is NaN; a trial needs a finite value")]
    [InlineData("""{"value": "-Infinity"}""", "field 'value' is -Infinity; a trial needs a finite value")]
    [InlineData("""{"value": "high"}""", "field 'value' is \"high\", expected a number")]
    [InlineData("""{"value": null}""", "has no field 'value'")]
    [InlineData("""[1, 2]""", "is not a JSON object with a field 'value'")]
    public void A_bad_answer_is_a_failure_with_its_reason(string stdout, string reason)
    {
        var (result, error) = TrialResultParser.Parse(Out, stdout, ["value"]);
        Assert.Null(result);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_bad_result_file_is_named_in_the_reason()
    {
        File.WriteAllText(Out, "{}");
        var (_, error) = TrialResultParser.Parse(Out, null, ["value"]);
        Assert.Equal($"result file {Out} has no field 'value' (it has none)", error);
    }

    [Fact]
    public void No_file_and_no_output_is_a_failure()
    {
        var (_, error) = TrialResultParser.Parse(Out, null, ["value"]);
        Assert.Equal($"no result: the command wrote no {Out} and printed nothing on standard output", error);
    }

    [Fact]
    public void Placeholders_are_replaced_everywhere_and_other_braces_are_left_alone()
    {
        var command = new TrialCommand(["eval", "--arch={arch}", "{out}", """{"value": {trial}}""", "{other}"]);
        Assert.Equal(["eval", "--arch=|a~0|", "/o/t.json", """{"value": 7}""", "{other}"], command.For("|a~0|", 7, "/o/t.json"));
        var e = Assert.Throws<ArgumentException>(() => new TrialCommand([]));
        Assert.Contains("after '--'", e.Message);
    }
}
