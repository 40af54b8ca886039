using Negotiation.Core.Events;

namespace Negotiation.Core.Storage;

/// <summary>Builds a run's listing from its events: the projection every store shares.</summary>
public static class RunListings
{
    public const string Concluded = "concluded";
    public const string Unfinished = "unfinished";

    public static RunListing? From(string runId, IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0) return null;
        RunListing? listing = null;
        foreach (var stored in events) listing = Apply(runId, listing, stored);
        return listing;
    }

    public static RunListing? Apply(string runId, RunListing? listing, StoredEvent stored) => stored.Event switch
    {
        NegotiationOpened o => new RunListing(runId, o.Scenario.Name, o.Seed, stored.Timestamp, stored.Seq, Unfinished, [], null),
        _ when listing is null => null,
        RunForked f => listing with
        {
            ParentRunId = f.ParentRunId, Seed = f.Scenario.Seed, Status = Unfinished, Outcomes = [], Events = stored.Seq, Round = f.Round,
        },
        RunConcluded c => listing with { Status = Concluded, Outcomes = c.Outcomes, Events = stored.Seq, Round = c.Round },
        var e => listing with { Events = stored.Seq, Round = Math.Max(listing.Round, e.Round) },
    };
}
