using Negotiation.Core.Events;

namespace Negotiation.Core.Storage;

/// <summary>Builds a run's listing from its events: the projection every store shares.</summary>
public static class RunListings
{
    public static RunListing? From(string runId, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0) return null;
        RunListing? listing = null;
        foreach (var stored in events) listing = Apply(runId, listing, stored);
        return listing;
    }

    public static RunListing? Apply(string runId, RunListing? listing, StoredEvent stored) => stored.Event switch
    {
        NegotiationOpened o => new RunListing(runId, o.Scenario.Name, o.Seed, stored.Timestamp, stored.Seq, "running", [], null),
        RunForked f => listing is null ? null : listing with
        {
            ParentRunId = f.ParentRunId, Seed = f.Scenario.Seed, Status = "running", Outcomes = [], Events = stored.Seq,
        },
        RunConcluded c => listing is null ? null : listing with { Status = "concluded", Outcomes = c.Outcomes, Events = stored.Seq },
        _ => listing is null ? null : listing with { Events = stored.Seq },
    };
}
