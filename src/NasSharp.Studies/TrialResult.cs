using System.Text.Json.Nodes;

namespace NasSharp.Studies;

/// <summary>What a worker records for a complete attempt.</summary>
/// <param name="Values">One value per objective of the study, finite.</param>
/// <param name="Attributes">Anything else the evaluation reported (seconds, parameters, report metric) and the worker added.</param>
public sealed record TrialResult(IReadOnlyList<double> Values, JsonObject Attributes);
