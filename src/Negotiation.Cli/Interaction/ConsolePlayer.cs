using System.Globalization;
using Negotiation.Actors;
using Negotiation.Cli.Rendering;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Spectre.Console;

namespace Negotiation.Cli.Interaction;

/// <summary>
/// A person at the keyboard plays one party, line by line. Each round they hear what happened since their last
/// move (their own negotiations, the news, public statements, signatures, threats, rulings), then, for each open
/// negotiation, see the standing offers and what they are worth, and answer: `a` (accept, after a confirmation),
/// `p` (pass: their standing offer stays on the table), `s` (the suggested offer), options in term order
/// separated by `/`, or `term=option, ...` changes to the suggestion; `drop RED-LINE`, `say TEXT` (or `say N`, one of the
/// scenario's statements offered to them), `ask` (a vendor asks the same terms for all, should it sign), and for the
/// agency `threaten` and `designate`, where the rules allow them. A threat or a designation is answered when it
/// comes. Every move is checked by the core's rules before it is sent; a refused one is explained and asked
/// again. When the input ends, the policy plays on. Prompts go to standard error, so standard output keeps the
/// transcript or the JSON.
/// </summary>
public sealed class ConsolePlayer(TextReader input, TextWriter prompts, bool echo) : IMoveSource
{
    private readonly SemaphoreSlim _keyboard = new(1, 1);
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(prompts), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
    });
    private bool _ended;

    /// <summary>Every event the party has heard so far: what the script offers it to say depends on all of them.</summary>
    private readonly List<RunEvent> _heardSoFar = [];

    public bool WaitsForPerson => true;

    public ConsolePlayer(TextReader input, TextWriter prompts, bool echo, int width) : this(input, prompts, echo) => _console.Profile.Width = width;

    public async Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, IReadOnlyList<RunEvent> heard, CancellationToken ct)
    {
        var suggested = Policy.MovesOf(view, party);
        await _keyboard.WaitAsync(ct);
        try
        {
            await TellAsync(view, party, heard);
            _heardSoFar.AddRange(heard);
            // Offered, never said for them (classroom.md 1.1): the person says it with `say N`, or not.
            var scripted = ScriptedStatements.Offered(_heardSoFar, view, party);
            var moves = new List<Move>();
            foreach (var vendor in suggested.Select(m => m.Vendor!).Distinct().ToList())
            {
                var policy = suggested.Where(m => m.Vendor == vendor).ToList();
                moves.AddRange(_ended ? policy : await AskAsync(view, party, vendor, policy, scripted, ct) ?? policy);
            }
            return moves;
        }
        finally
        {
            _keyboard.Release();
        }
    }

    public async Task<Move> AnswerAsync(Question question, CancellationToken ct)
    {
        var suggested = Policy.Answer(question);
        if (_ended) return suggested;
        await _keyboard.WaitAsync(ct);
        try
        {
            var view = question.View;
            while (true)
            {
                string? line;
                Move? answer;
                if (question is Question.ThreatAnswer threat)
                {
                    var droppable = Rules.Droppable(view, question.Party, question.Party);
                    await prompts.WriteLineAsync($"   {view.AgencyId} threatens you with a supply chain risk designation unless you offer inside " +
                                                 $"{string.Join(", ", threat.Threat.RedLines)} by round {threat.Threat.DeadlineRound}.");
                    await prompts.WriteLineAsync(droppable.Count == 0
                        ? "   none of your red lines in force can be dropped (all are firm)"
                        : $"   red lines you may drop if you concede: {string.Join(", ", droppable.Select(Rules.Label))}");
                    if (Core.Seats.SeatViews.QuestionFor(question).Text is { } worth) await prompts.WriteLineAsync($"   {worth}");
                    line = await ReadAsync("   answer: h(old), c(oncede) [RED-LINE ...], w(alk away) > ", ct);
                    if (line is null) return suggested;
                    answer = ParseThreatAnswer(question.Party, line.Trim(), droppable);
                }
                else
                {
                    await prompts.WriteLineAsync($"   {view.AgencyId} has designated you a supply chain risk.");
                    if (Core.Seats.SeatViews.QuestionFor(question).Text is { } worth) await prompts.WriteLineAsync($"   {worth}");
                    line = await ReadAsync("   answer: l(itigate), a(ccept), e(xit the market) > ", ct);
                    if (line is null) return suggested;
                    answer = Words.Typed<DesignationResponse>(line.Trim()) is { } response ? new Move.AnswerDesignation(question.Party, response) : null;
                }
                if (answer is null)
                {
                    await prompts.WriteLineAsync("   not understood");
                    continue;
                }
                var verdict = MoveCheck.Check(view, answer);
                if (verdict.Allowed) return answer;
                await prompts.WriteLineAsync($"   refused: {verdict.Reason}");
            }
        }
        finally
        {
            _keyboard.Release();
        }
    }

    private static Move? ParseThreatAnswer(string party, string line, IReadOnlyList<RedLine> droppable)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        return Words.Typed<ThreatResponse>(words[0]) switch
        {
            ThreatResponse.Hold when words.Length == 1 => new Move.AnswerThreat(party, ThreatResponse.Hold, []),
            ThreatResponse.WalkAway when words.Length == 1 => new Move.AnswerThreat(party, ThreatResponse.WalkAway, []),
            // `c` alone drops every red line that may be dropped, as the scenario's own `concede` does.
            ThreatResponse.Concede => new Move.AnswerThreat(party, ThreatResponse.Concede,
                words.Length == 1 ? droppable.Select(l => l.Id).ToList() : words[1..].ToList()),
            _ => null,
        };
    }

    private async Task TellAsync(RunState view, string party, IReadOnlyList<RunEvent> heard)
    {
        if (heard.Count == 0) return;
        // Told as the party hears it: its own worths only (Hearing's rule), as on a seat's page.
        var minutes = new Transcript.Minutes(_console, "", view.Scenario, party);
        await prompts.WriteLineAsync("── What you heard since your last move ──");
        foreach (var e in heard.Where(e => e is not RoundStarted))
            if (minutes.Line(e) is { Length: > 0 } line) _console.MarkupLine(line);
    }

    private async Task<IReadOnlyList<Move>?> AskAsync(RunState view, string party, string vendor, IReadOnlyList<Move> policy, IReadOnlyList<Statement> scripted, CancellationToken ct)
    {
        var scenario = view.Scenario;
        var n = view.Negotiation(vendor);
        var isAgency = party == view.AgencyId;
        var other = Rules.Other(view, party, vendor);
        var moves = new List<Move>();
        var suggestion = policy.First(m => m.IsBargaining);

        await prompts.WriteLineAsync($"── Round {view.Round}: you are {party}, negotiating with {other} ──");
        while (true)
        {
            var model = view.Model(party);
            // What an offer is worth to the other side is not the party's to see (Hearing's rule), here as on a seat's page.
            string Show(IReadOnlyDictionary<string, string> terms) =>
                string.Join(" / ", scenario.Terms.Select(t => terms[t.Id])) +
                string.Create(CultureInfo.InvariantCulture, $"  (worth {model.Utility(terms):0.00} to you)");

            await prompts.WriteLineAsync($"   terms: {string.Join(" / ", scenario.Terms.Select(t => t.Id))}; your reservation {view.Reservation(party).ToString("0.00", CultureInfo.InvariantCulture)}");
            var theirs = isAgency ? n.VendorOffer : n.AgencyOffer;
            var mine = isAgency ? n.AgencyOffer : n.VendorOffer;
            await prompts.WriteLineAsync(theirs is null ? $"   {other} has made no offer yet" : $"   {other} offers: {Show(theirs)}");
            if (mine is not null) await prompts.WriteLineAsync($"   your standing offer: {Show(mine)}");
            if (n.Threat is { } threat) await prompts.WriteLineAsync($"   threat pending against {vendor}: deadline round {threat.DeadlineRound}");
            var open = Rules.OpenOptions(view, party, vendor);
            for (var k = 0; k < scenario.Terms.Count; k++)
                await prompts.WriteLineAsync($"   {scenario.Terms[k].Id}: {string.Join(", ", open[k].Select(o => scenario.Terms[k].Options[o]))}");
            var droppable = Rules.Droppable(view, party, vendor);
            if (droppable.Count > 0) await prompts.WriteLineAsync($"   red lines you may drop: {string.Join(", ", droppable.Select(l => l.Id))}");
            if (isAgency && Rules.MayThreaten(view, party, vendor).Allowed) await prompts.WriteLineAsync($"   you may threaten {vendor} with a designation (`threaten`)");
            if (isAgency && Rules.MayDesignate(view, party, vendor).Allowed) await prompts.WriteLineAsync($"   the threat's deadline has passed: you may designate {vendor} (`designate`)");
            if (!isAgency && Rules.MayAskSameTerms(view, party).Allowed)
                await prompts.WriteLineAsync("   you may ask that every vendor be offered the same terms, should you sign this round (`ask`)");
            for (var i = 0; i < scripted.Count; i++)
                await prompts.WriteLineAsync($"   the scenario would have you say (`say {i + 1}`): \"{scripted[i].Text}\"");
            if (suggestion is Move.Offer { Terms: var s }) await prompts.WriteLineAsync($"   suggested: {Show(s)}");
            else if (suggestion is Move.Accept && theirs is not null) await prompts.WriteLineAsync("   suggested: accept");

            var line = await ReadAsync("   your move: a(ccept), p(ass), s(uggested), a / b / ..., term=option, drop ID, say TEXT" +
                                       (isAgency ? ", threaten, designate" : "") + " > ", ct);
            if (line is null) return null;
            line = line.Trim();

            Move? move = line switch
            {
                "ask" => new Move.AskSameTerms(party),
                _ when line.StartsWith("say ", StringComparison.Ordinal) && int.TryParse(line[4..], CultureInfo.InvariantCulture, out var pick)
                       && pick >= 1 && pick <= scripted.Count => new Move.Speak(party, scripted[pick - 1].Text),
                "threaten" => new Move.Threaten(party, vendor),
                "designate" => new Move.Designate(party, vendor),
                _ when line.StartsWith("drop ", StringComparison.Ordinal) => new Move.DropRedLine(party, vendor, line[5..].Trim()),
                _ when line.StartsWith("say ", StringComparison.Ordinal) => new Move.Speak(party, line[4..].Trim()),
                _ => Parse(view, party, vendor, suggestion, line),
            };
            if (move is null)
            {
                await prompts.WriteLineAsync("   not understood; try `a`, `p`, `s`, options separated by `/`, `term=option`, `drop ID` or `say TEXT`");
                continue;
            }
            var verdict = MoveCheck.Check(view, move);
            if (!verdict.Allowed)
            {
                await prompts.WriteLineAsync($"   refused: {verdict.Reason}");
                continue;
            }
            switch (move)
            {
                case Move.Designate:
                    moves.AddRange(Move.Designation(party, vendor));
                    return moves;
                case Move.Threaten or Move.Speak or Move.AskSameTerms:
                    moves.Add(move);
                    await prompts.WriteLineAsync($"   noted: {move switch
                    {
                        Move.Threaten => "the threat goes out with your move",
                        Move.Speak => "your statement will be made public",
                        _ => "if you sign this round, you ask that every vendor be offered the same terms",
                    }}; now your offer");
                    continue;
                case Move.DropRedLine drop:
                    moves.Add(move);
                    // What follows is checked as if the line were already dropped, as the decider will see it.
                    view = Evolution.Evolve(view, new RedLineDropped(view.Round, vendor, party, drop.RedLine));
                    await prompts.WriteLineAsync($"   noted: you drop {drop.RedLine}; now your offer");
                    continue;
                case Move.Accept when theirs is not null:
                    var sure = await ReadAsync($"   sign {Show(theirs)}? this ends the negotiation [y/N] ", ct);
                    if (sure is null) return null;
                    if (!sure.Trim().StartsWith('y')) continue;
                    break;
            }
            moves.Add(move);
            return moves;
        }
    }

    private static Move? Parse(RunState view, string party, string vendor, Move suggestion, string line)
    {
        var scenario = view.Scenario;
        switch (line)
        {
            case "a" or "accept":
                return new Move.Accept(party, vendor);
            case "p" or "pass":
                return new Move.Pass(party, vendor);
            case "s" or "":
                return suggestion;
        }
        if (line.Contains('='))
        {
            var n = view.Negotiation(vendor);
            var start = (suggestion as Move.Offer)?.Terms ?? (party == view.AgencyId ? n.AgencyOffer : n.VendorOffer);
            var terms = start is null ? [] : new Dictionary<string, string>(start);
            foreach (var pair in line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2) return null;
                terms[parts[0]] = parts[1];
            }
            return new Move.Offer(party, vendor, terms);
        }
        var options = line.Split('/', StringSplitOptions.TrimEntries);
        if (options.Length != scenario.Terms.Count) return null;
        return new Move.Offer(party, vendor, scenario.Terms.Select((t, k) => (t.Id, options[k])).ToDictionary(x => x.Id, x => x.Item2));
    }

    private async Task<string?> ReadAsync(string prompt, CancellationToken ct)
    {
        await prompts.WriteAsync(prompt);
        await prompts.FlushAsync(ct);
        var line = await input.ReadLineAsync(ct);
        if (echo && line is not null) await prompts.WriteLineAsync(line);
        if (line is null)
        {
            _ended = true;
            await prompts.WriteLineAsync();
            await prompts.WriteLineAsync("   (no more input: the policy plays on)");
        }
        return line;
    }
}
