using System.Text.Json;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;

namespace Negotiation.Classroom;

/// <summary>
/// A MOVE of classroom.md read from JSON: `offer` (with `terms`), `accept`, `pass`, `threaten`, `designate`,
/// `drop_red_line` (with `redLine`), `statement` (with `text`), `ask_same_terms` (classroom.md 1.1), `answer_threat` (with `answer`: hold, concede or
/// walk_away, and `dropped`), `answer_designation` (with `answer`: litigate, accept or exit). A vendor may leave
/// out `vendor`.
/// </summary>
public static class MoveJson
{
    public static Move Read(JsonElement json, string party, bool isAgency)
    {
        if (json.ValueKind != JsonValueKind.Object) throw new MoveFormatException("a move is a JSON object");
        var kind = Text(json, "kind") ?? throw new MoveFormatException("a move needs a `kind`");
        var vendor = Text(json, "vendor") ?? (isAgency ? null : party);
        string Vendor() => vendor ?? throw new MoveFormatException($"the agency's `{kind}` needs a `vendor`");
        return kind switch
        {
            "offer" => new Move.Offer(party, Vendor(), Terms(json)),
            // The terms the seat saw (classroom.md 1.1); a version 1 client may leave them out.
            "accept" => new Move.Accept(party, Vendor()) { Seen = json.TryGetProperty("terms", out var seen) && seen.ValueKind != JsonValueKind.Null ? Terms(json) : null },
            "pass" => new Move.Pass(party, Vendor()),
            "threaten" => new Move.Threaten(party, Vendor()),
            "designate" => new Move.Designate(party, Vendor()),
            "drop_red_line" => new Move.DropRedLine(party, Vendor(), Text(json, "redLine") ?? throw new MoveFormatException("`drop_red_line` needs a `redLine`")),
            "statement" => new Move.Speak(party, Text(json, "text") ?? throw new MoveFormatException("a `statement` needs a `text`")),
            "ask_same_terms" => new Move.AskSameTerms(party),
            "answer_threat" => new Move.AnswerThreat(party, Answer<ThreatResponse>(json), Strings(json, "dropped")),
            "answer_designation" => new Move.AnswerDesignation(party, Answer<DesignationResponse>(json)),
            _ => throw new MoveFormatException($"no move `{kind}`: offer, accept, pass, threaten, designate, drop_red_line, statement, ask_same_terms, answer_threat or answer_designation"),
        };
    }

    // An answer by its wire word (`walk_away`), as Words spells it for every answer kind.
    private static T Answer<T>(JsonElement json) where T : struct, Enum =>
        Words.FromWire<T>(Text(json, "answer")) is { } answer
            ? answer
            : throw new MoveFormatException($"`answer` {Text(json, "answer") ?? "(none)"}: {string.Join(", ", Enum.GetValues<T>().Select(Words.OnWire))}");

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new MoveFormatException($"`{name}` is text") : null;

    /// <summary>A move in the form <see cref="Read"/> takes: what the seat desk keeps of moves taken, to survive a restart.</summary>
    public static object Write(Move move) => move switch
    {
        Move.Offer o => new { vendor = o.Vendor, kind = "offer", terms = o.Terms },
        Move.Accept a => new { vendor = a.Vendor, kind = "accept", terms = a.Seen },
        Move.Pass p => new { vendor = p.Vendor, kind = "pass" },
        Move.Threaten t => new { vendor = t.Vendor, kind = "threaten" },
        Move.Designate d => new { vendor = d.Vendor, kind = "designate" },
        Move.DropRedLine d => new { vendor = d.Vendor, kind = "drop_red_line", redLine = d.RedLine },
        Move.Speak s => new { kind = "statement", text = s.Text },
        Move.AskSameTerms => new { kind = "ask_same_terms" },
        Move.AnswerThreat a => new
        {
            kind = "answer_threat",
            answer = Words.OnWire(a.Answer),
            dropped = a.Dropped,
        },
        Move.AnswerDesignation a => new
        {
            kind = "answer_designation",
            answer = Words.OnWire(a.Answer),
        },
        _ => throw new InvalidOperationException($"no JSON for a {move.GetType().Name}"),
    };

    private static IReadOnlyList<string> Strings(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : throw new MoveFormatException($"`{name}` is a list of red line ids");

    private static IReadOnlyDictionary<string, string> Terms(JsonElement json)
    {
        if (!json.TryGetProperty("terms", out var terms) || terms.ValueKind != JsonValueKind.Object)
            throw new MoveFormatException("an `offer` needs `terms`: {TERM: OPTION, ...}");
        var result = new Dictionary<string, string>();
        foreach (var term in terms.EnumerateObject())
            result[term.Name] = term.Value.ValueKind == JsonValueKind.String ? term.Value.GetString()! : throw new MoveFormatException($"term `{term.Name}`: an option is text");
        return result;
    }
}

public sealed class MoveFormatException(string message) : Exception(message);
