using System.Text.Json.Serialization;
using Negotiation.Core.Seats;

namespace Negotiation.Classroom;

/// <summary>
/// The shapes of the class server's requests and answers as the OpenAPI document (classroom.md 1.1,
/// <c>/openapi/v1.json</c>) gives them to outside agents. The server reads bodies field by field, refusing a field
/// of the wrong type by name (issue 23), so these records describe the contract; they do not bind it.
/// </summary>
public static class ApiShapes
{
    /// <summary><c>POST /api/sessions</c>: a scenario (a file of the folder, or pasted YAML), groups, the parties people play.</summary>
    public sealed record OpenSession(string? ScenarioFile, string? Scenario, int? Groups, IReadOnlyList<string>? Humans, int? Seed, int? RoundSeconds);

    /// <summary><c>POST /api/seats/{code}/moves</c>: the seat's moves for the round it is asked (<c>waiting.round</c>).</summary>
    public sealed record Moves(int Round, [property: JsonPropertyName("moves")] IReadOnlyList<Move> Items);

    /// <summary>
    /// One move: <c>offer</c> (terms), <c>accept</c> (terms seen), <c>pass</c>, <c>threaten</c>, <c>designate</c>,
    /// <c>drop_red_line</c> (redLine), <c>statement</c> (text), <c>ask_same_terms</c>, <c>answer_threat</c> (answer:
    /// hold, concede, walk_away; dropped), <c>answer_designation</c> (answer: litigate, accept, exit).
    /// </summary>
    public sealed record Move(string Kind, string? Vendor, IReadOnlyDictionary<string, string>? Terms, string? RedLine, string? Text, string? Answer, IReadOnlyList<string>? Dropped);

    /// <summary>A seat's view: its brief, its negotiations, what is public, the moves open to it, what it is asked now.</summary>
    public sealed record Seat(SeatView View, SeatWaiting? Waiting, SeatQuestion? Question, bool Paused);

    public sealed record SeatWaiting(int Round, string Kind, DateTimeOffset? Until);

    /// <summary>Every error: <c>{"errors": [reason, ...]}</c> (a 400 of a scenario gives <c>{line, column, message}</c> items).</summary>
    public sealed record Errors([property: JsonPropertyName("errors")] IReadOnlyList<string> Reasons);
}
