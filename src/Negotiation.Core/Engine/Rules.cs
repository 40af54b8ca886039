using System.Runtime.CompilerServices;
using System.Globalization;
using Negotiation.Core.Model;

namespace Negotiation.Core.Engine;

/// <summary>
/// What a party may do now, each answer with its reason in plain words. The one home of the rules: the decider
/// enforces these verdicts, <see cref="MoveCheck"/> shows them to a person, the policy ranks only what they allow
/// and the deal analysis counts the contracts they let both sides sign. How a party likes to choose (its
/// strategy, avoiding red lines it has seen) is the policy's business and never a rule.
/// </summary>
public static class Rules
{
    /// <summary>A red line as a person reads it: its reason, then its id.</summary>
    public static string Label(RedLine line) => line.Reason is { Length: > 0 } reason ? $"\"{reason}\" ({line.Id})" : $"\"{line.Id}\"";

    public static string Label(TermDefinition term) => term.Label is { Length: > 0 } label ? $"{label} ({term.Id})" : term.Id;

    /// <summary>Whether the party may put this option of this term in an offer in the vendor's negotiation.</summary>
    public static Verdict MayUse(RunState s, string party, string vendor, TermDefinition term, string option)
    {
        if (MayUseAsSeenBy(s, party, vendor, term, option) is { Allowed: false } own) return own;
        if (ConcededLineCrossed(s, party, vendor, term, option) is { } named)
            return Verdict.No($"{term.Id}={option} crosses {Label(named)}, a red line of the agency's that you agreed to respect when you conceded to its threat");
        return Verdict.Yes;
    }

    /// <summary>
    /// <see cref="MayUse"/> by what the party itself knows: its locks and its own red lines. The agency's lines a
    /// conceding vendor must keep inside are not the vendor's to read (the seat view's rule): an offer crossing one is
    /// refused when it is made, with its reason.
    /// </summary>
    public static Verdict MayUseAsSeenBy(RunState s, string party, string vendor, TermDefinition term, string option)
    {
        if (s.IsLocked(party, term.Id, option))
            return Verdict.No($"{term.Id}={option} is locked for you for now");
        return s.RedLineCrossed(party, vendor, term.Id, option) is { } own
            ? Verdict.No($"{term.Id}={option} crosses your red line {Label(own)}")
            : Verdict.Yes;
    }

    /// <summary>Per term, the options <see cref="MayUseAsSeenBy"/> allows, by name, in the term's order: what a seat is told it may offer.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> OpenOptionsAsSeenBy(RunState s, string party, string vendor) =>
        s.Scenario.Terms.ToDictionary(t => t.Id, t => (IReadOnlyList<string>)t.Options.Where(o => MayUseAsSeenBy(s, party, vendor, t, o).Allowed).ToList());

    /// <summary>Per term, the indexes of the options <see cref="MayUse"/> allows, in the term's order.</summary>
    public static int[][] OpenOptions(RunState s, string party, string vendor)
    {
        var terms = s.Scenario.Terms;
        int[][]? open = null;
        Span<int> allowed = stackalloc int[64];
        for (var k = 0; k < terms.Count; k++)
        {
            var options = terms[k].Options.Count;
            if (options > allowed.Length) allowed = new int[options];
            var count = 0;
            for (var o = 0; o < options; o++)
                if (MayUse(s, party, vendor, terms[k], terms[k].Options[o]).Allowed) allowed[count++] = o;
            if (count == options && open is null) continue;
            open ??= [.. AllOpen(terms)];
            open[k] = count == options ? EveryOption(options) : allowed[..count].ToArray();
        }
        // Every option of every term open, the usual case: one shared answer per scenario's terms (issue 24).
        return open ?? AllOpen(terms);
    }

    // Shared, so never written to: a caller that narrows the options makes its own (Policy.Preferred).
    private static readonly ConditionalWeakTable<IReadOnlyList<TermDefinition>, int[][]> EveryTermOpen = new();

    private static int[][] AllOpen(IReadOnlyList<TermDefinition> terms) =>
        EveryTermOpen.GetValue(terms, static t => [.. t.Select(term => EveryOption(term.Options.Count))]);

    private static readonly int[][] Every = [.. Enumerable.Range(0, 65).Select(n => Enumerable.Range(0, n).ToArray())];

    private static int[] EveryOption(int count) => count < Every.Length ? Every[count] : [.. Enumerable.Range(0, count)];

    // A vendor that conceded to a threat keeps inside the agency lines it named, on every term where its own
    // lines and the locks leave it such an option (the scenario format's `on_threat: concede`).
    private static RedLine? ConcededLineCrossed(RunState s, string party, string vendor, TermDefinition term, string option) =>
        party == s.AgencyId || !HasLineOn(s.Scenario.Agency, term.Id) || s.Negotiation(vendor).ConcededTo is not { Count: > 0 } conceded
            ? null
            : ConcededLineCrossed(s, party, vendor, term, option, conceded);

    // Whether the party holds any red line on the term: most terms have none, and then no negotiation is looked up (issue 24).
    private static bool HasLineOn(PartySpec party, string term)
    {
        for (var l = 0; l < party.RedLines.Count; l++)
            if (party.RedLines[l].Term == term) return true;
        return false;
    }

    // Apart from the check above, which is asked for every option of every term each round: the lambdas here capture
    // their method's parameters, and C# allocates what they capture as the method starts (issue 24: a quarter of a
    // negotiation's allocation was this, for vendors that had conceded nothing).
    private static RedLine? ConcededLineCrossed(RunState s, string party, string vendor, TermDefinition term, string option, IReadOnlyList<string> conceded)
    {
        var named = s.RedLinesInForce(s.AgencyId, vendor).Where(l => l.Term == term.Id && conceded.Contains(l.Id)).ToList();
        if (named.FirstOrDefault(l => !l.Allows(option)) is not { } crossed) return null;
        var canKeepInside = term.Options.Any(o =>
            named.All(l => l.Allows(o)) && !s.IsLocked(party, term.Id, o) &&
            s.RedLinesInForce(party, vendor).All(l => l.Term != term.Id || l.Allows(o)));
        return canKeepInside ? crossed : null;
    }

    /// <summary>
    /// A party moves in a round only while one of its negotiations is open: a person whose negotiations are all over
    /// is not asked, and a group never waits for them (classroom.md 1.1). Decisions put to it (a designation's
    /// answer) are asked apart.
    /// </summary>
    public static bool HasMovesToMake(RunState s, string party) => s.OpenNegotiationsOf(party).Any();

    /// <summary>
    /// The agency sits in every negotiation, a vendor in its own (issue 22: one home for the seat's 403, the rules and
    /// the check of a stored run).
    /// </summary>
    public static Verdict IsSide(Scenario scenario, string party, string vendor) =>
        party == scenario.Agency.Id || party == vendor ? Verdict.Yes : Verdict.No($"{party} is not a side of the negotiation with {vendor}");

    public static Verdict InNegotiation(RunState s, string party, string vendor)
    {
        if (!s.Negotiations.TryGetValue(vendor, out var n)) return Verdict.No($"there is no vendor `{vendor}`");
        if (IsSide(s.Scenario, party, vendor) is { Allowed: false } notSide) return notSide;
        return n.IsOpen ? Verdict.Yes : Verdict.No($"the negotiation with {vendor} is over");
    }

    /// <summary>Whether the party may offer these terms: every term given one of its options, each open to the party.</summary>
    public static Verdict MayOffer(RunState s, string party, string vendor, IReadOnlyDictionary<string, string> terms)
    {
        if (InNegotiation(s, party, vendor) is { Allowed: false } closed) return closed;
        // A sheet made for these very terms has no other key (issue 24).
        if (terms is not TermSheet sheet || sheet.Held(s.Scenario.Terms) is null)
            foreach (var key in terms.Keys)
                if (!HasTerm(s.Scenario, key))
                    return Verdict.No($"there is no term `{key}`");
        for (var k = 0; k < s.Scenario.Terms.Count; k++)
        {
            var term = s.Scenario.Terms[k];
            if (Terms.OptionOf(terms, s.Scenario.Terms, k) is not { } option || !term.Options.Contains(option))
                return Verdict.No($"{term.Id} needs one of: {string.Join(", ", term.Options)}");
            if (MayUse(s, party, vendor, term, option) is { Allowed: false } refused) return refused;
        }
        return Verdict.Yes;
    }

    // Asked for every term of every offer: a loop, not a lambda that would capture the key (issue 24).
    private static bool HasTerm(Scenario scenario, string id)
    {
        var terms = scenario.Terms;
        for (var k = 0; k < terms.Count; k++)
            if (terms[k].Id == id) return true;
        return false;
    }

    /// <summary>
    /// Whether the party may sign these terms: they cross none of its red lines in force, use no option locked for
    /// either signer, clear its reservation and, for the agency once it has extended the same terms to all, are
    /// worth no less to it than those.
    /// </summary>
    public static Verdict MaySign(RunState s, string party, string vendor, IReadOnlyDictionary<string, string> terms, UtilityModel? model = null)
    {
        var you = party == s.AgencyId ? "the agency" : party;
        var defined = s.Scenario.Terms;
        for (var k = 0; k < defined.Count; k++)
            if (Terms.OptionOf(terms, defined, k) is { } option && SignBlock(s, party, vendor, defined[k], option) is { } block)
                return Verdict.No(block);
        model ??= s.Model(party);
        var worth = model.Utility(terms);
        if (worth < s.Reservation(party) - OfferSearch.Epsilon)
            return Verdict.No($"it is worth {F(worth)} to {you}, below the reservation of {F(s.Reservation(party))}");
        if (worth < SigningFloor(s, party, vendor, model) - OfferSearch.Epsilon)
            return Verdict.No($"it is worth {F(worth)} to the agency, less than the same terms it offered every vendor ({F(SigningFloor(s, party, vendor, model))})");
        return Verdict.Yes;
    }

    /// <summary>
    /// The least a contract must be worth to a party for it to sign: its reservation and, for the agency once it
    /// has extended the same terms to all, what those terms are worth to it.
    /// </summary>
    public static double SigningFloor(RunState s, string party, string vendor, UtilityModel model) =>
        party == s.AgencyId && s.Negotiation(vendor).SameTerms is { } same
            ? Math.Max(s.Reservation(party), model.Utility(same))
            : s.Reservation(party);

    /// <summary>Per term, the options both sides could sign: inside both sides' red lines in force, locked for neither.</summary>
    public static int[][] SignableOptions(RunState s, string vendor) =>
        s.Scenario.Terms
            .Select(t => Enumerable.Range(0, t.Options.Count)
                .Where(o => SignBlock(s, s.AgencyId, vendor, t, t.Options[o]) is null && SignBlock(s, vendor, vendor, t, t.Options[o]) is null)
                .ToArray())
            .ToArray();

    private static string? SignBlock(RunState s, string party, string vendor, TermDefinition term, string option)
    {
        if (s.RedLineCrossed(party, vendor, term.Id, option) is { } line)
            return $"it crosses {(party == s.AgencyId ? "the agency" : party)}'s red line {Label(line)}";
        if (s.IsLocked(s.AgencyId, term.Id, option)) return $"{term.Id}={option} is locked for {s.AgencyId}";
        if (s.IsLocked(vendor, term.Id, option)) return $"{term.Id}={option} is locked for {vendor}";
        return null;
    }

    /// <summary>
    /// Whether the party may accept the other side's standing offer: there is one, it is the offer the party saw
    /// (<paramref name="seen"/>, when the party says what it saw: a person accepts what their page showed), and
    /// both sides may sign it.
    /// </summary>
    public static Verdict MayAccept(RunState s, string party, string vendor, IReadOnlyDictionary<string, string>? seen = null)
    {
        if (InNegotiation(s, party, vendor) is { Allowed: false } closed) return closed;
        var n = s.Negotiation(vendor);
        var isAgency = party == s.AgencyId;
        if ((isAgency ? n.VendorOffer : n.AgencyOffer) is not { } standing) return Verdict.No("there is no offer to accept");
        if (StandingIfChanged(s, party, vendor, seen) is { } now) return Changed(s, now);
        return Verdict.First(MaySign(s, party, vendor, standing), MaySign(s, isAgency ? vendor : s.AgencyId, vendor, standing));
    }

    // Apart: its lambda's capture would be allocated on every acceptance checked (issue 24).
    private static Verdict Changed(RunState s, IReadOnlyDictionary<string, string> now) =>
        Verdict.No($"the offer on the table is no longer the one you accepted: it is now {string.Join(", ", s.Scenario.Terms.Select(t => $"{t.Id}={now[t.Id]}"))}");

    /// <summary>The other side's standing offer, when it is not the one the party saw; null when it is (or nothing was said).</summary>
    public static IReadOnlyDictionary<string, string>? StandingIfChanged(RunState s, string party, string vendor, IReadOnlyDictionary<string, string>? seen)
    {
        if (seen is null || !s.Negotiations.TryGetValue(vendor, out var n)) return null;
        var standing = party == s.AgencyId ? n.VendorOffer : n.AgencyOffer;
        if (standing is null) return null;
        return Terms.Same(standing, seen) ? null : standing;
    }

    /// <summary>
    /// <see cref="MayAccept"/> as the party may be told it: when the other side could not sign, the reason says
    /// so without its numbers or unnamed red lines, which are not the party's to see.
    /// </summary>
    public static Verdict MayAcceptAsSeenBy(RunState s, string party, string vendor, IReadOnlyDictionary<string, string>? seen = null)
    {
        var verdict = MayAccept(s, party, vendor, seen);
        if (StandingIfChanged(s, party, vendor, seen) is not null) return verdict;
        if (verdict.Allowed || InNegotiation(s, party, vendor) is { Allowed: false }) return verdict;
        var n = s.Negotiation(vendor);
        if ((party == s.AgencyId ? n.VendorOffer : n.AgencyOffer) is not { } standing) return verdict;
        return MaySign(s, party, vendor, standing) is { Allowed: false } own
            ? own
            : Verdict.No("the other side cannot sign these terms as they stand");
    }

    /// <summary>
    /// The agency may threaten a designation when the scenario gives it that tactic, no threat is pending, and the
    /// vendor's offers have crossed an agency red line for enough rounds in a row.
    /// </summary>
    public static Verdict MayThreaten(RunState s, string party, string vendor)
    {
        if (party != s.AgencyId) return Verdict.No("only the agency can threaten a designation");
        if (InNegotiation(s, party, vendor) is { Allowed: false } closed) return closed;
        var n = s.Negotiation(vendor);
        if (s.Scenario.Agency.Threat is not { } tactic) return Verdict.No("the scenario gives the agency no threat tactic");
        if (n.Enjoined) return Verdict.No($"a court enjoined {vendor}'s designation: the agency cannot threaten it again");
        if (n.Threat is { } pending) return Verdict.No($"a threat against {vendor} is already pending (deadline round {pending.DeadlineRound})");
        if (n.VendorOfferCrosses.Count == 0) return Verdict.No($"{vendor}'s last offer crosses none of the agency's red lines");
        if (n.DeadlockRounds < tactic.AfterDeadlockRounds)
            return Verdict.No($"{vendor}'s offers have crossed an agency red line {n.DeadlockRounds} rounds in a row; a threat takes {tactic.AfterDeadlockRounds}");
        return Verdict.Yes;
    }

    /// <summary>The agency may designate a vendor once a threat's deadline has passed unmet, with a designate tactic.</summary>
    public static Verdict MayDesignate(RunState s, string party, string vendor)
    {
        if (party != s.AgencyId) return Verdict.No("only the agency can designate a vendor");
        if (InNegotiation(s, party, vendor) is { Allowed: false } closed) return closed;
        if (!s.Scenario.Agency.Designates) return Verdict.No("the scenario gives the agency no designate tactic");
        if (s.Negotiation(vendor).Threat is not { } threat) return Verdict.No($"no threat against {vendor} is pending");
        return s.Round > threat.DeadlineRound
            ? Verdict.Yes
            : Verdict.No($"the threat against {vendor} runs until round {threat.DeadlineRound}");
    }

    /// <summary>A party may drop one of its own red lines in force that is not firm, in a negotiation it is in.</summary>
    public static Verdict MayDropRedLine(RunState s, string party, string vendor, string redLine)
    {
        if (InNegotiation(s, party, vendor) is { Allowed: false } closed) return closed;
        var spec = s.Scenario.Party(party);
        if (spec.RedLines.FirstOrDefault(l => l.Id == redLine) is not { } line) return Verdict.No($"you have no red line `{redLine}`");
        if (line.Firm) return Verdict.No($"your red line {Label(line)} is firm: the scenario does not let it be dropped");
        return s.RedLinesInForce(party, vendor).Contains(line) ? Verdict.Yes : Verdict.No($"you have already dropped {Label(line)}");
    }

    /// <summary>
    /// A vendor a person plays may ask, with its bargaining move, that every vendor be offered the same terms should
    /// it sign (classroom.md 1.1): while its negotiation is open, once the same terms have not been asked for already.
    /// Whoever a person does not play asks or not as the file says, at its signature.
    /// </summary>
    public static Verdict MayAskSameTerms(RunState s, string party)
    {
        if (party == s.AgencyId) return Verdict.No("only a vendor asks that every vendor be offered the same terms");
        if (s.Scenario.Vendors.All(v => v.Id != party)) return Verdict.No($"there is no vendor `{party}`");
        if (!s.ChoosesOwnScript(party)) return Verdict.No("the scenario decides whether this vendor asks for the same terms");
        if (!s.Negotiation(party).IsOpen) return Verdict.No("your negotiation is over");
        return s.SameTermsAsked ? Verdict.No("every vendor has already been asked to be offered the same terms") : Verdict.Yes;
    }

    /// <summary>
    /// A party makes one bargaining move (an offer, an acceptance or a pass) in each negotiation a round: the one home
    /// of the rule and its words, for a person's moves checked before they are taken and for the decider.
    /// </summary>
    public static Verdict MayMakeBargainingMoves(int count, string vendor) => count switch
    {
        1 => Verdict.Yes,
        0 => Verdict.No($"no offer, acceptance or pass in the negotiation with {vendor}"),
        _ => Verdict.No($"one offer, acceptance or pass per negotiation: {count} in the negotiation with {vendor}"),
    };

    /// <summary>The red lines a threatened vendor may drop when it concedes: its lines in force that are not firm.</summary>
    public static IReadOnlyList<RedLine> Droppable(RunState s, string party, string vendor) =>
        s.RedLinesInForce(party, vendor).Where(l => !l.Firm).ToList();

    /// <summary>A threatened vendor's answer: conceding may drop only its red lines in force that are not firm.</summary>
    public static Verdict MayAnswerThreat(RunState s, string vendor, ThreatResponse answer, IReadOnlyList<string> dropped)
    {
        if (answer != ThreatResponse.Concede && dropped.Count > 0) return Verdict.No("only a vendor that concedes drops red lines");
        foreach (var id in dropped)
            if (!Droppable(s, vendor, vendor).Any(l => l.Id == id))
                return MayDropRedLine(s, vendor, vendor, id) is { Allowed: false } refused ? refused : Verdict.No($"you cannot drop `{id}`");
        return dropped.Distinct().Count() == dropped.Count ? Verdict.Yes : Verdict.No("a red line is named twice");
    }

    /// <summary>
    /// A world event does one thing: news (it needs words), or a lock, an unlock or a number set. A change names a
    /// party of the scenario and a term and one of its options, or a number the format lets a world event set, in its
    /// range; its words, if any, are words a page can show. The one home of the rule for a scenario file (the loader
    /// reports each problem at its line) and a live announcement (<see cref="MayAnnounce"/>).
    /// </summary>
    public static IReadOnlyList<WorldEventProblem> WorldEventProblems(IReadOnlyList<PartySpec> parties, IReadOnlyList<TermDefinition> terms, WorldEvent world)
    {
        var problems = new List<WorldEventProblem>();
        var changes = new (string Name, object? Change)[] { ("unlock", world.Unlock), ("lock", world.Lock), ("set", world.Set) }.Where(c => c.Change is not null).ToList();
        if (changes.Count > 1)
            problems.Add(new("", $"a world event does one thing: {string.Join(" or ", changes.Select(c => c.Name))}, not both"));
        if (changes.Count == 0 && string.IsNullOrWhiteSpace(world.Text))
            problems.Add(new("", "a world event needs words (`text`) or a change (`unlock`, `lock` or `set`)"));
        if (world.Text is { } words && Texts.Problem(words, Texts.MaxSpoken) is { } bad)
            problems.Add(new("text", $"a world event's text {bad}"));
        var partyIds = parties.Select(p => p.Id).ToList();
        foreach (var (name, change) in new[] { ("unlock", world.Unlock), ("lock", world.Lock) })
        {
            if (change is null) continue;
            if (!partyIds.Contains(change.Party)) problems.Add(new($"{name}.party", $"there is no party `{change.Party}`", change.Party, partyIds));
            if (terms.FirstOrDefault(t => t.Id == change.Term) is not { } term)
                problems.Add(new($"{name}.term", $"there is no term `{change.Term}`", change.Term, terms.Select(t => t.Id).ToList()));
            else if (!term.Options.Contains(change.Option))
                problems.Add(new($"{name}.option", $"`{term.Id}` has no option `{change.Option}`: {string.Join(", ", term.Options)}", change.Option, term.Options));
        }
        if (world.Set is { } set)
        {
            if (!partyIds.Contains(set.Party)) problems.Add(new("set.party", $"there is no party `{set.Party}`", set.Party, partyIds));
            var known = NumberFields.Known(terms.Select(t => t.Id));
            if (!known.Contains(set.Field))
                problems.Add(new("set.field", $"`field` must be {NumberFields.Expected}, not `{set.Field}`", set.Field, known));
            else if (NumberFields.Range(set.Field) is var (min, max) && !(set.Value >= min && set.Value <= max))
                problems.Add(new("set.value", $"`value` must be between {N(min)} and {N(max)} for {set.Field}, not {N(set.Value)}"));
        }
        return problems;
    }

    /// <summary>A world event announced live: one the scenario's parties and terms allow (<see cref="WorldEventProblems"/>).</summary>
    public static Verdict MayAnnounce(RunState s, WorldEvent world) =>
        WorldEventProblems(s.Scenario.Parties.ToList(), s.Scenario.Terms, world) is [var first, ..] ? Verdict.No(first.Reason) : Verdict.Yes;

    /// <summary>
    /// A live announcement that says what a scripted world event of a later round (or its own) says brings that
    /// event forward: the instructor chose when it happens, so it does not happen a second time.
    /// </summary>
    public static WorldEvent? BringsForward(RunState s, WorldEvent announced) =>
        s.Scenario.Events.FirstOrDefault(e => e.Round >= announced.Round && !s.BroughtForward.Contains(e) && e with { Round = 0, Reported = false } == announced with { Round = 0, Reported = false });

    /// <summary>How many public statements a party may make in one round.</summary>
    public const int MaxStatementsPerRound = 3;

    /// <summary>A party's statements in one round: at most <see cref="MaxStatementsPerRound"/>.</summary>
    public static Verdict MaySpeakSoOften(int statements) =>
        statements <= MaxStatementsPerRound ? Verdict.Yes : Verdict.No($"{statements} statements in one round; at most {MaxStatementsPerRound}");

    /// <summary>A public statement needs words.</summary>
    public static Verdict MaySpeak(RunState s, string party, string text)
    {
        if (s.Scenario.Parties.All(p => p.Id != party)) return Verdict.No($"there is no party `{party}`");
        if (string.IsNullOrWhiteSpace(text)) return Verdict.No("a statement needs some words");
        return Texts.Problem(text, Texts.MaxSpoken) is { } bad ? Verdict.No($"a statement {bad}") : Verdict.Yes;
    }

    /// <summary>
    /// A fork goes on from a run not yet concluded, under a scenario with the same parties and terms, for at
    /// least one more round.
    /// </summary>
    public static Verdict MayFork(RunState shared, int atRound, Scenario changed)
    {
        if (!shared.IsOpened) return Verdict.No("there is no run to fork");
        if (shared.Concluded) return Verdict.No($"the run concluded by round {atRound}; fork before its last round");
        if (changed.Rounds <= atRound)
            return Verdict.No($"the fork goes on after round {atRound}, so `rounds` must be more than {atRound}, not {changed.Rounds}");
        return KeepsShape(shared.Scenario, changed);
    }

    /// <summary>A what-if may change everything but who negotiates and over which terms and options.</summary>
    public static Verdict KeepsShape(Scenario was, Scenario changed)
    {
        static string Shape(TermDefinition t) => t.Id + ":" + string.Join('\n', t.Options);
        if (changed.Agency.Id != was.Agency.Id || !changed.Vendors.Select(v => v.Id).SequenceEqual(was.Vendors.Select(v => v.Id)))
            return Verdict.No("a fork keeps the parties of its run");
        return changed.Terms.Select(Shape).SequenceEqual(was.Terms.Select(Shape))
            ? Verdict.Yes
            : Verdict.No("a fork keeps the terms and options of its run");
    }

    /// <summary>The utilities of both sides of a negotiation for these terms.</summary>
    public static IReadOnlyDictionary<string, double> Utilities(RunState s, string vendor, IReadOnlyDictionary<string, string> terms) =>
        new UtilityPair(s.AgencyId, s.Model(s.AgencyId).Utility(terms), vendor, s.Model(vendor).Utility(terms));

    private static string N(double x) => x.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The other side of a negotiation.</summary>
    public static string Other(RunState s, string party, string vendor) => Other(s.Scenario, party, vendor);

    /// <summary>The other side of a negotiation, by the scenario alone (for the minutes, which read events, not a state).</summary>
    public static string Other(Scenario scenario, string party, string vendor) => party == scenario.Agency.Id ? vendor : scenario.Agency.Id;
}
