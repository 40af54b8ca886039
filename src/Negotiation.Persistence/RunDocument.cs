using JasperFx.Events;
using Marten.Events.Aggregation;
using Negotiation.Core.Events;
using Negotiation.Core.Storage;

namespace Negotiation.Persistence;

/// <summary>One document per run, kept by Marten from the run's events (<see cref="RunDocumentProjection"/>).</summary>
public sealed class RunDocument
{
    public string Id { get; set; } = "";
    public string Scenario { get; set; } = "";
    public int Seed { get; set; }
    public DateTimeOffset? Started { get; set; }
    public long Version { get; set; }
    public string Status { get; set; } = RunListings.Unfinished;
    public int Round { get; set; }
    public List<Outcome> Outcomes { get; set; } = [];
    public string? ParentRunId { get; set; }

    public RunListing ToListing() => new(Id, Scenario, Seed, Started, Version, Status, Outcomes, ParentRunId, Round);

    /// <summary>Takes what the listing says: the document is the listing, stored.</summary>
    public RunDocument Set(RunListing listing)
    {
        (Id, Scenario, Seed, Status, Round, Outcomes, ParentRunId) =
            (listing.RunId, listing.Scenario, listing.Seed, listing.Status, listing.Round, [.. listing.Outcomes], listing.ParentRunId);
        // PostgreSQL keeps microseconds: an inline append sees the .NET tick, a rebuild the stored value.
        Started ??= listing.Started is { } at ? new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero) : null;
        return this;
    }
}

/// <summary>
/// The inline projection behind <c>list</c>: updated in the same transaction as the events it reflects, and
/// rebuilt from them alone. What a listing becomes with each event has one home, <see cref="RunListings"/>, which
/// the other stores fold too; this projection applies it to the events that change a listing's status (an
/// unfinished run is read whole when listed), and Marten sets <see cref="RunDocument.Version"/> (the event count).
/// </summary>
public sealed class RunDocumentProjection : SingleStreamProjection<RunDocument, string>
{
    public RunDocument Create(IEvent<NegotiationOpened> e) => new RunDocument().Set(RunListings.Apply(e.StreamKey!, null, Stored(e))!);

    public void Apply(IEvent<RunForked> e, RunDocument run) => Follow(e, run);

    public void Apply(IEvent<RunConcluded> e, RunDocument run) => Follow(e, run);

    private static void Follow(IEvent e, RunDocument run)
    {
        if (RunListings.Apply(run.Id, run.ToListing(), Stored(e)) is { } listing) run.Set(listing);
    }

    private static StoredEvent Stored(IEvent e) => new(e.Version, (RunEvent)e.Data, e.Timestamp);
}
