using System.Globalization;
using System.Net;
using System.Text;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;
using Negotiation.Core.Seats;

namespace Negotiation.Presentation;

/// <summary>
/// A party's confidential role sheet, printable: the scenario's setting, the party's preferences with what each
/// option is worth, its red lines and reservation. Built from the seat's brief, so it shows no more than the
/// seat page does. `negotiate brief FILE --party ID --out F.html`.
/// </summary>
public static class RoleSheet
{
    public static string Html(Scenario scenario, string party)
    {
        var opening = Decider.Decide(RunState.Empty, new OpenRun(scenario, scenario.Seed));
        var brief = SeatViews.Of(opening, party).Brief;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(brief.Name)}: confidential</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}@media print{body{max-width:none}}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>Confidential</strong>: for {E(brief.Name)} only.</p><h1>{E(scenario.Title ?? scenario.Name)}</h1>");
        // The story every player reads (format 1.2 `background`); never the file's description, which may tell the
        // ending (classroom.md 1.1: "they never show how the scenario ends").
        if (brief.Background is { Length: > 0 } background) html.Append(CultureInfo.InvariantCulture, $"<p>{E(background)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>You are {E(brief.Name)}{(brief.IsAgency ? ", the agency" : ", a vendor")}</h2>");
        if (brief.Instructions is { Length: > 0 } instructions) html.Append(CultureInfo.InvariantCulture, $"<p>{E(instructions)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>You sign nothing worth less than <strong>{brief.Reservation:0.00}</strong> to you. Worth is the sum, over the terms, of each option's value times the term's share. The negotiation lasts {scenario.Rounds} rounds; {E(brief.StrategyText)}.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Without a contract: {E(string.Join("; ", brief.Endings.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Replace('_', ' ')} is worth {kv.Value:0.00} to you"))))}.</p>");
        html.Append("<h2>What you value</h2><table><tr><th>term</th><th>share</th><th>option: value (worth)</th></tr>");
        foreach (var term in brief.Terms)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(term.Label ?? term.Term)}</td><td>{term.Share:0.00}</td><td>{E(string.Join("; ", term.Options.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Option}: {o.Value:0.##} ({o.Worth:0.000})"))))}</td></tr>");
        html.Append("</table><h2>Your red lines</h2><ul>");
        foreach (var line in brief.RedLines)
        {
            var rule = line.Require is { } require ? $"only {string.Join(" or ", require)}" : $"never {string.Join(" or ", line.Forbid ?? [])}";
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line.Reason ?? line.Id)}: on {E(line.Term)}, {E(rule)}{(line.Firm ? " (firm)" : " (you may give it up)")}</li>");
        }
        return html.Append("</ul></body></html>").ToString();
    }

    /// <summary>
    /// The instructor's teaching note: the comment block that heads the scenario file (what the exercise shows,
    /// what it plays beyond the source, questions for the class), then every party's numbers and red lines.
    /// </summary>
    public static string TeachingNote(Scenario scenario, string? note)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(scenario.Title ?? scenario.Name)}: teaching note</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}pre{white-space:pre-wrap;font-family:inherit}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>For the instructor</strong></p><h1>{E(scenario.Title ?? scenario.Name)}</h1>");
        if (note is { Length: > 0 }) html.Append(CultureInfo.InvariantCulture, $"<pre>{E(note)}</pre>");
        if (scenario.Description is { Length: > 0 } setting) html.Append(CultureInfo.InvariantCulture, $"<h2>The file's description (not shown to the parties: it may tell the ending)</h2><p>{E(setting)}</p>");
        if (scenario.Background is { Length: > 0 } background) html.Append(CultureInfo.InvariantCulture, $"<h2>The story the parties read</h2><p>{E(background)}</p>");
        html.Append("<h2>The parties</h2><table><tr><th>party</th><th>reservation</th><th>strategy</th><th>red lines</th></tr>");
        foreach (var party in scenario.Parties)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(party.Name)} ({E(party.Id)})</td><td>{party.Reservation:0.00}</td><td>{E(party.Strategy.Kind.ToString())}</td><td>{E(string.Join("; ", party.RedLines.Select(l => $"{l.Reason ?? l.Id}{(l.Firm ? " (firm)" : "")}")))}</td></tr>");
        return html.Append("</table></body></html>").ToString();
    }

    /// <summary>The comment block heading a scenario file, without its `#` marks: the teaching note's text.</summary>
    public static string Note(string fileText) =>
        string.Join('\n', fileText.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.StartsWith('#') || l.Length == 0)
            .Select(l => l.StartsWith('#') ? l[1..].TrimStart(' ') : "")).Trim();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
