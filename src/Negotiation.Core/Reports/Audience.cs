using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Core.Reports;

/// <summary>
/// Who the minutes are told to, and so what they may say (the rule is <see cref="Hearing"/>'s): the instructor
/// (everything), the room (the projector: only what is public, no worths), or one party (what it hears, its own
/// worths only).
/// </summary>
public sealed record Audience
{
    private Audience(string? party, bool room) => (Party, IsRoom) = (party, room);

    /// <summary>The instructor's desk and the command line: every event, every worth.</summary>
    public static Audience Everything { get; } = new(null, false);

    /// <summary>The projector: what is public, and nobody's worths.</summary>
    public static Audience Room { get; } = new(null, true);

    /// <summary>One party: what it hears, with its own worths.</summary>
    public static Audience Of(string party) => new(party, false);

    public string? Party { get; }

    public bool IsRoom { get; }

    public bool Hears(RunEvent e, string agency) => e switch
    {
        NegotiationOpened or RunForked => true,
        _ when IsRoom => Hearing.IsPublic(e),
        _ when Party is { } party => Hearing.IsHeardBy(e, party, agency),
        _ => true,
    };

    /// <summary>Whether the audience hears which option or number a world event changed, or only its news text.</summary>
    public bool HearsDetails(RunEvent e) => !IsRoom && (Party is null || Hearing.Concerns(e, Party));

    /// <summary>The worths an event carries that the audience may see.</summary>
    public IReadOnlyDictionary<string, double> Worths(IReadOnlyDictionary<string, double> worths) =>
        IsRoom ? new Dictionary<string, double>() : Hearing.WorthsFor(worths, Party);
}
