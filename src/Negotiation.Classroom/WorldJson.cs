using System.Text.Json;
using Negotiation.Core.Model;

namespace Negotiation.Classroom;

/// <summary>
/// A world event of scenario-format.md, without its round, read from JSON: `text`, and at most one of `lock`,
/// `unlock` ({party, term, option}) and `set` ({party, field, value}). Whether it makes sense is the rules' to say.
/// </summary>
public static class WorldJson
{
    public static WorldEvent Read(JsonElement json) => new(
        0,
        Text(json, "text"),
        Change(json, "unlock"),
        Change(json, "lock"),
        json.TryGetProperty("set", out var set) ? new NumberChange(Required(set, "party", "set"), Required(set, "field", "set"), Number(set)) : null);

    private static OptionChange? Change(JsonElement json, string name) =>
        json.TryGetProperty(name, out var change)
            ? new OptionChange(Required(change, "party", name), Required(change, "term", name), Required(change, "option", name))
            : null;

    private static string Required(JsonElement json, string name, string of) =>
        json.ValueKind == JsonValueKind.Object && Text(json, name) is { } text ? text : throw new MoveFormatException($"`{of}` needs `{name}`");

    private static double Number(JsonElement set) =>
        set.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new MoveFormatException("`set` needs a number `value`");

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new MoveFormatException($"`{name}` is text") : null;
}
