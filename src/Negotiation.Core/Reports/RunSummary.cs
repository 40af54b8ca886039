using System.Text.Json.Serialization;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;

namespace Negotiation.Core.Reports;

/// <summary>What a run came to, computed from its events alone: the <c>--json</c> summary of cli.md.</summary>
public sealed record RunSummary(
    string RunId,
    string Scenario,
    int Seed,
    int Rounds,
    long EventCount,
    IReadOnlyList<OutcomeSummary> Outcomes,
    IReadOnlyList<AuditSummary> Audit,
    IReadOnlyDictionary<string, double> Payoffs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ForkedFrom = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ForkedAtRound = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Changes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Unfinished = null)
{
    public static RunSummary From(string runId, IReadOnlyList<RunEvent> events)
    {
        var state = Evolution.Fold(events);
        var scenario = state.Scenario;
        var outcomes = events.OfType<RunConcluded>().LastOrDefault()?.Outcomes ?? state.Outcomes();
        var fork = events.OfType<RunForked>().LastOrDefault();
        return new RunSummary(
            runId,
            scenario.Name,
            state.Seed,
            state.Round,
            events.Count,
            outcomes.Select(o => OutcomeSummary.From(o, state)).ToList(),
            AuditSummary.From(events, scenario),
            Rounded(Endings.Payoffs(state), scenario.Parties.Select(p => p.Id)),
            fork?.ParentRunId,
            fork?.AtRound,
            fork?.Changes,
            state.Concluded ? null : true);
    }

    /// <summary>The values in the order of <paramref name="parties"/>, to four places (as every figure of the summary).</summary>
    public static IReadOnlyDictionary<string, double> Rounded(IReadOnlyDictionary<string, double> values, IEnumerable<string> parties) =>
        parties.Where(values.ContainsKey).ToDictionary(p => p, p => Math.Round(values[p], 4));
}

/// <summary>
/// One vendor's outcome, terms in the scenario's term order and utilities agency first; <see cref="Values"/> what
/// the ending is worth to both sides whatever it was (format 1.2), null only while the negotiation is open.
/// </summary>
public sealed record OutcomeSummary(
    string Vendor,
    OutcomeResult Result,
    int Round,
    IReadOnlyDictionary<string, string>? Terms,
    IReadOnlyDictionary<string, double>? Utilities,
    LitigationStatus? Litigation,
    IReadOnlyDictionary<string, double>? Values)
{
    public static OutcomeSummary From(Outcome o, RunState state)
    {
        var scenario = state.Scenario;
        var sides = new[] { scenario.Agency.Id, o.Vendor };
        return new(
            o.Vendor,
            o.Result,
            o.Round,
            o.Terms is null ? null : scenario.Terms.Where(t => o.Terms.ContainsKey(t.Id)).ToDictionary(t => t.Id, t => o.Terms[t.Id]),
            o.Utilities is null ? null : RunSummary.Rounded(o.Utilities, sides),
            o.Litigation,
            Endings.ValuesOf(state, state.Negotiation(o.Vendor)) is { } values ? RunSummary.Rounded(values, sides) : null);
    }
}

/// <summary>The audit of one signed contract: each probe's verdict and each of the vendor's red lines.</summary>
public sealed record AuditSummary(
    string Vendor,
    IReadOnlyDictionary<string, ProbeVerdict> Probes,
    IReadOnlyDictionary<string, RedLineStatus> RedLines)
{
    public static IReadOnlyList<AuditSummary> From(IEnumerable<RunEvent> events, Scenario scenario)
    {
        var list = events.ToList();
        return scenario.Vendors
            .Where(v => list.OfType<ProbeAssessed>().Any(p => p.Vendor == v.Id))
            .Select(v => new AuditSummary(
                v.Id,
                list.OfType<ProbeAssessed>().Where(p => p.Vendor == v.Id).ToDictionary(p => p.Probe, p => p.Verdict),
                list.OfType<RedLineAudited>().Where(r => r.Vendor == v.Id).ToDictionary(r => r.RedLine, r => r.Status)))
            .ToList();
    }
}
