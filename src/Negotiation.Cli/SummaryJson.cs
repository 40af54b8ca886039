using System.Text.Json;
using System.Text.Json.Serialization;
using Negotiation.Core.Reports;

namespace Negotiation.Cli;

/// <summary>The <c>--json</c> summary exactly as cli.md shows it: terms in the scenario's order, kebab-case values.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static string Serialize(SweepSummary sweep) => JsonSerializer.Serialize(sweep, Options);
}
