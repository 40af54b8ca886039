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
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(RunEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);

    public static RunEvent Deserialize(string typeName, string json) =>
        (RunEvent)(JsonSerializer.Deserialize(json, EventTypes.TypeOf(typeName), Options)
                   ?? throw new JsonException($"event '{typeName}' has no data"));

    public static RunEvent Deserialize(string typeName, JsonElement data) =>
        (RunEvent)(data.Deserialize(EventTypes.TypeOf(typeName), Options)
                   ?? throw new JsonException($"event '{typeName}' has no data"));
}
