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
            outcomes.Select(o => OutcomeSummary.From(o, scenario)).ToList(),
            AuditSummary.From(events, scenario),
            fork?.ParentRunId,
            fork?.AtRound,
            fork?.Changes,
            state.Concluded ? null : true);
    }
}

/// <summary>One vendor's outcome, terms in the scenario's term order and utilities agency first.</summary>
public sealed record OutcomeSummary(
    string Vendor,
    OutcomeResult Result,
    int Round,
    IReadOnlyDictionary<string, string>? Terms,
    IReadOnlyDictionary<string, double>? Utilities,
    LitigationStatus? Litigation)
{
    public static OutcomeSummary From(Outcome o, Scenario scenario) => new(
        o.Vendor,
        o.Result,
        o.Round,
        o.Terms is null ? null : scenario.Terms.Where(t => o.Terms.ContainsKey(t.Id)).ToDictionary(t => t.Id, t => o.Terms[t.Id]),
        o.Utilities is null ? null : new[] { scenario.Agency.Id, o.Vendor }.Where(o.Utilities.ContainsKey)
            .ToDictionary(p => p, p => Math.Round(o.Utilities[p], 4)),
        o.Litigation);
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
