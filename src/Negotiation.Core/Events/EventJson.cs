using System.Text.Json;
using System.Text.Json.Serialization;

namespace Negotiation.Core.Events;

/// <summary>The one JSON form of events and scenarios, shared by the event file, the stores and stream comparison.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new SortedKeysConverter());
        options.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            EventJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        options.MakeReadOnly();
        return options;
    }

    public static string Serialize(RunEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);

    public static RunEvent Deserialize(string typeName, string json) =>
        (RunEvent)(JsonSerializer.Deserialize(json, EventTypes.TypeOf(typeName), Options)
                   ?? throw new JsonException($"event '{typeName}' has no data"));

    /// <summary>
    /// Why a line could not be read as an event, in words for the person who edited it: the field at fault by its
    /// path, never a .NET type name (issue 23: "could not be converted to System.Collections.Generic.Dictionary`2").
    /// </summary>
    public static string Explain(Exception e) => e switch
    {
        JsonException { Path: { } path } json when json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) =>
            $"`{Field(path)}` holds a value of the wrong type",
        JsonException json when json.Message.IndexOf(" Path: ", StringComparison.Ordinal) is > 0 and var cut => json.Message[..cut].TrimEnd('.') + $" (at `{Field(json.Path ?? "$")}`)",
        KeyNotFoundException => "a line needs `seq`, `type` and `data`",
        InvalidOperationException => "`seq` must be a number and `type` a text",
        _ => e.Message,
    };

    private static string Field(string path) => path is "$" or "" ? "data" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    public static RunEvent Deserialize(string typeName, JsonElement data) =>
        (RunEvent)(data.Deserialize(EventTypes.TypeOf(typeName), Options)
                   ?? throw new JsonException($"event '{typeName}' has no data"));
}
