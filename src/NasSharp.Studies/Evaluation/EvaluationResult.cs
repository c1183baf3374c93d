using System.Text.Json;
using System.Text.Json.Serialization;
using NasSharp.Persistence;

namespace NasSharp.Studies.Evaluation;

/// <summary>
/// What an evaluation of one architecture writes for a worker (<c>{out}</c>): the value a study optimises by default
/// and what it records beside it. The built-in trainer and the table answer write the same fields, so a study switches
/// between them without changing its objectives.
/// </summary>
/// <param name="Value">The search metric (a validation accuracy in %).</param>
/// <param name="Report">A metric reported but never searched on (the test accuracy of a table); null when there is none.</param>
/// <param name="Params">Parameters of the network in millions; null when unknown.</param>
/// <param name="Seconds">Seconds the evaluation took (a table's recorded training time when one is named).</param>
/// <param name="Arch">The architecture evaluated.</param>
/// <param name="Source">Where the numbers come from (table file and metric, or the training set-up).</param>
/// <param name="Dataset">The dataset trained on (built-in trainer only).</param>
/// <param name="Epochs">Epochs trained (built-in trainer only).</param>
/// <param name="TrainLoss">Mean cross-entropy of the last epoch (built-in trainer only).</param>
public sealed record EvaluationResult(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("report")] double? Report,
    [property: JsonPropertyName("params")] double? Params,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("dataset")] string? Dataset = null,
    [property: JsonPropertyName("epochs")] int? Epochs = null,
    [property: JsonPropertyName("train_loss")] double? TrainLoss = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Architecture strings hold '+' and '|', which the default encoder escapes; the file is read by programs, not a browser.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The result as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the result to <paramref name="path"/> atomically, so a worker never reads half a file.</summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        AtomicFile.WriteText(path, ToJson() + "\n");
    }
}
