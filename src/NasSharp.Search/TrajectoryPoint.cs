using System.Text.Json.Serialization;

namespace NasSharp.Search;

/// <summary>One query of a search run, as <c>search.json</c> records it.</summary>
/// <param name="Query">1-based query number.</param>
/// <param name="Arch">The architecture measured (canonical string).</param>
/// <param name="SearchValue">Its search metric.</param>
/// <param name="ReportValue">Its report metric (e.g. test accuracy); null when the table has none.</param>
/// <param name="BestReportValue">
/// The report metric of the incumbent, the best architecture by search metric so far; null without a report metric.
/// </param>
/// <param name="Cost">Summed simulated cost of the queries so far; null without a cost metric.</param>
public sealed record TrajectoryPoint(
    [property: JsonPropertyName("query")] int Query,
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("search_value")] double SearchValue,
    [property: JsonPropertyName("report_value")] double? ReportValue,
    [property: JsonPropertyName("best_report_value")] double? BestReportValue,
    [property: JsonPropertyName("cost")] double? Cost);
