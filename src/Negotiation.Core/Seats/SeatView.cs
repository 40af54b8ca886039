namespace Negotiation.Core.Seats;

/// <summary>
/// What one party's seat may see of a run (classroom.md, "What a seat may see"): its own brief, every move in
/// the negotiations it is in, what is public, and the moves open to it now. Built by <see cref="SeatViews"/>;
/// the page, the API and the live pushes all send this, so they cannot differ.
/// </summary>
public sealed record SeatView(
    string Party,
    int Round,
    bool Concluded,
    Brief Brief,
    IReadOnlyList<SeatNegotiation> Negotiations,
    IReadOnlyList<PublicItem> Public,
    IReadOnlyList<AllowedMove> Allowed)
{
    /// <summary>
    /// What the scenario would have the party say now, offered as a choice (classroom.md 1.1): the seat sends one as
    /// its statement, or not. Empty for a party the policy plays, and in runs opened before this was offered.
    /// </summary>
    public IReadOnlyList<SeatScriptedStatement> Scripted { get; init; } = [];
}

/// <summary>A statement the scenario writes for the party: when it is due (`threatened`, `signed`…), its words, whether the story reports it.</summary>
public sealed record SeatScriptedStatement(string On, string Text, bool Reported);

/// <summary>The party's confidential brief: its preferences, red lines, reservation and strategy.</summary>
public sealed record Brief(
    string Party,
    string Name,
    bool IsAgency,
    double Reservation,
    string Strategy,
    IReadOnlyList<BriefTerm> Terms,
    IReadOnlyList<BriefRedLine> RedLines)
{
    /// <summary>The story every player reads (format 1.2 <c>background</c>), if the file has one.</summary>
    public string? Background { get; init; }

    /// <summary>The party's confidential instructions (format 1.2 <c>brief</c>), if the file has them.</summary>
    public string? Instructions { get; init; }

    /// <summary>What each ending without a contract is worth to the party (format 1.2): no deal, designated, designation lifted, exited.</summary>
    public IReadOnlyDictionary<string, double> Endings { get; init; } = new Dictionary<string, double>();

    /// <summary>The party's strategy in plain words (classroom.md 1.1: what each number means).</summary>
    public string StrategyText { get; init; } = "";

    /// <summary>Every party by its id, with its name: a page names parties, never shows ids.</summary>
    public IReadOnlyDictionary<string, string> PartyNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>A term as the party values it: its share of the party's weight, and each option's value and worth (value times share).</summary>
public sealed record BriefTerm(string Term, string? Label, double Share, IReadOnlyList<BriefOption> Options);

public sealed record BriefOption(string Option, double Value, double Worth);

/// <summary>One of the party's red lines, and the negotiations in which the party has dropped it.</summary>
public sealed record BriefRedLine(
    string Id,
    string Term,
    IReadOnlyList<string>? Require,
    IReadOnlyList<string>? Forbid,
    string? Reason,
    bool Firm,
    IReadOnlyList<string> DroppedWith);

/// <summary>A negotiation the party is in, every offer in it with its worth to the party.</summary>
public sealed record SeatNegotiation(
    string Vendor,
    string With,
    string Status,
    IReadOnlyList<SeatOffer> Offers,
    IReadOnlyList<SeatRejection> Rejections,
    SeatOffer? TheirStandingOffer,
    SeatOffer? YourStandingOffer,
    SeatThreat? Threat,
    IReadOnlyDictionary<string, string>? Agreement)
{
    /// <summary>What the negotiation's ending is worth to the seat's party (format 1.2), once it has ended.</summary>
    public double? YourValue { get; init; }

    /// <summary>The other side by name.</summary>
    public string WithName { get; init; } = "";

    /// <summary>
    /// While the negotiation is open, the options of each term the party may offer now (<c>Rules.OpenOptions</c>: its
    /// locks and the world events so far), so that a page or a bot decides nothing of the rules itself.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? OpenOptions { get; init; }
}

/// <summary>An offer, what it is worth to the seat's party, and which of the party's own red lines in force it crosses.</summary>
public sealed record SeatOffer(int Round, string From, IReadOnlyDictionary<string, string> Terms, double Worth, IReadOnlyList<string> CrossesYourRedLines);

/// <summary>A rejection, naming the red lines the rejecting side said the offer crossed.</summary>
public sealed record SeatRejection(int Round, string By, IReadOnlyList<string> NamedRedLines);

public sealed record SeatThreat(int Round, int DeadlineRound, IReadOnlyList<string> RedLines);

/// <summary>Something every party hears: news, statements, signatures with their terms, threats, designations, lawsuits, rulings.</summary>
public sealed record PublicItem(int Round, string Kind, string? Party, string? Vendor, string? Text, IReadOnlyDictionary<string, string>? Terms)
{
    /// <summary>For statements and news: `reported` (the story reports it), `exercise` (the scenario's own), or `player` (a person's words, live news).</summary>
    public string? Source { get; init; }
}

/// <summary>A move and whether the rules allow it now, with the reason when they do not.</summary>
public sealed record AllowedMove(string Kind, string? Vendor, string? RedLine, bool Allowed, string? Reason);

/// <summary>
/// A threat or a designation a vendor's seat is asked to answer (classroom.md 1.1): what it is, and each answer
/// with its value to the vendor by the estimates the policy's best response uses (format 1.2), where the file
/// values the vendor's endings or has it answer by best response; <see cref="Text"/> says the same in a sentence.
/// </summary>
/// <param name="Kind">`threat` or `designation`</param>
/// <param name="Threat">the threat answered: the agency's red lines it names and its deadline</param>
/// <param name="Text">"By your numbers, at the injunction odds you believe (0.50): …", or null where there are no values</param>
public sealed record SeatQuestion(string Kind, SeatThreat? Threat, IReadOnlyList<SeatChoice> Choices, string? Text)
{
    /// <summary>A threat's: the vendor's red lines it may drop if it concedes (<c>Rules.Droppable</c>: in force and not firm), so a page decides nothing.</summary>
    public IReadOnlyList<BriefRedLine> Droppable { get; init; } = [];
}

/// <summary>An answer as the API takes it (`hold`, `walk_away`, `litigate`…) and its value to the vendor, if valued.</summary>
public sealed record SeatChoice(string Answer, double? Value);
