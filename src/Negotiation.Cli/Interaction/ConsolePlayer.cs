using System.Globalization;
using Negotiation.Actors;
using Negotiation.Core.Engine;

namespace Negotiation.Cli.Interaction;

/// <summary>
/// A person at the keyboard plays one party, line by line: each round, for each open negotiation, they see
/// the standing offers and what they are worth, and answer `a` (accept), `p` (pass), `s` (the suggested
/// offer), options in term order separated by `/`, or `term=option, ...` changes to the suggestion. The
/// agency is also asked about threats and designations when the rules allow them. Every move is checked by
/// the core before it is sent; a refused one is explained and asked again. When the input ends, the
/// policy plays on. Prompts go to standard error, so standard output keeps the transcript or the JSON.
/// </summary>
public sealed class ConsolePlayer(TextReader input, TextWriter prompts, bool echo) : IMoveSource
{
    private readonly SemaphoreSlim _keyboard = new(1, 1);
    private bool _ended;

    public async Task<IReadOnlyList<Move>> ChooseAsync(RunState view, string party, CancellationToken ct)
    {
        var suggested = Policy.MovesOf(view, party);
        await _keyboard.WaitAsync(ct);
        try
        {
            var moves = new List<Move>();
            foreach (var suggestion in suggested)
                moves.Add(_ended ? suggestion : await AskAsync(view, party, suggestion, ct) ?? suggestion);
            return moves;
        }
        finally
        {
            _keyboard.Release();
        }
    }

    private async Task<Move?> AskAsync(RunState view, string party, Move suggestion, CancellationToken ct)
    {
        var scenario = view.Scenario;
        var vendor = suggestion.Vendor;
        var n = view.Negotiation(vendor);
        var isAgency = party == view.AgencyId;
        var other = isAgency ? vendor : view.AgencyId;
        var model = view.Model(party);
        var otherModel = view.Model(other);
        string Show(IReadOnlyDictionary<string, string> terms) =>
            string.Join(" / ", scenario.Terms.Select(t => terms[t.Id])) +
            string.Create(CultureInfo.InvariantCulture, $"  (worth {model.Utility(terms):0.00} to you, {otherModel.Utility(terms):0.00} to {other})");

        await prompts.WriteLineAsync($"── Round {view.Round}: you are {party}, negotiating with {other} ──");
        await prompts.WriteLineAsync($"   terms: {string.Join(" / ", scenario.Terms.Select(t => t.Id))}; your reservation {view.Reservation(party).ToString("0.00", CultureInfo.InvariantCulture)}");
        var theirs = isAgency ? n.VendorOffer : n.AgencyOffer;
        var mine = isAgency ? n.AgencyOffer : n.VendorOffer;
        await prompts.WriteLineAsync(theirs is null ? $"   {other} has made no offer yet" : $"   {other} offers: {Show(theirs)}");
        if (mine is not null) await prompts.WriteLineAsync($"   your last offer: {Show(mine)}");
        if (n.Threat is { } threat) await prompts.WriteLineAsync($"   threat pending against {vendor}: deadline round {threat.DeadlineRound}");
        var allowed = Policy.AllowedOptions(view, party, vendor);
        for (var k = 0; k < scenario.Terms.Count; k++)
            await prompts.WriteLineAsync($"   {scenario.Terms[k].Id}: {string.Join(", ", allowed[k].Select(o => scenario.Terms[k].Options[o]))}");
        if (suggestion.Terms is { } s) await prompts.WriteLineAsync($"   suggested: {Show(s)}");

        if (isAgency && suggestion.Action == AgencyAction.Designate)
        {
            var designate = await ReadAsync($"   the threat's deadline has passed: designate {vendor} a supply chain risk? [Y/n] ", ct);
            if (designate is null) return null;
            if (!designate.Trim().StartsWith('n')) return Move.Pass(party, vendor, AgencyAction.Designate);
        }

        while (true)
        {
            var line = await ReadAsync("   your move: a(ccept), p(ass), s(uggested), options a / b / ..., or term=option, ... > ", ct);
            if (line is null) return null;
            var move = Parse(view, party, suggestion, line.Trim());
            if (move is null)
            {
                await prompts.WriteLineAsync("   not understood; try `a`, `p`, `s`, options separated by `/`, or `term=option`");
                continue;
            }
            if (isAgency && move.Kind != MoveKind.Accept && Policy.AgencyActionFor(view, n) == AgencyAction.Threaten)
            {
                var threaten = await ReadAsync($"   threaten {vendor} with a supply chain risk designation? [y/N] ", ct);
                if (threaten?.Trim().StartsWith('y') == true) move = move with { Action = AgencyAction.Threaten };
            }
            var problems = MoveCheck.Problems(view, move);
            if (problems.Count == 0) return move;
            foreach (var p in problems) await prompts.WriteLineAsync($"   refused: {p}");
        }
    }

    private static Move? Parse(RunState view, string party, Move suggestion, string line)
    {
        var scenario = view.Scenario;
        switch (line)
        {
            case "a" or "accept":
                return Move.Accept(party, suggestion.Vendor);
            case "p" or "pass":
                return Move.Pass(party, suggestion.Vendor);
            case "s" or "" when suggestion.Kind != MoveKind.Accept:
                return suggestion with { Action = AgencyAction.None };
            case "s" or "":
                return Move.Accept(party, suggestion.Vendor);
        }
        if (line.Contains('='))
        {
            var start = suggestion.Terms ?? (party == view.AgencyId ? view.Negotiation(suggestion.Vendor).AgencyOffer : view.Negotiation(suggestion.Vendor).VendorOffer);
            var terms = start is null ? [] : new Dictionary<string, string>(start);
            foreach (var pair in line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2) return null;
                terms[parts[0]] = parts[1];
            }
            return Move.Offer(party, suggestion.Vendor, terms);
        }
        var options = line.Split('/', StringSplitOptions.TrimEntries);
        if (options.Length != scenario.Terms.Count) return null;
        return Move.Offer(party, suggestion.Vendor, scenario.Terms.Select((t, k) => (t.Id, options[k])).ToDictionary(x => x.Id, x => x.Item2));
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
