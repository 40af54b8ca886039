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
}

/// <summary>
/// The inline projection behind <c>list</c>: updated in the same transaction as the events it reflects, and
/// rebuilt from them alone. Marten sets <see cref="RunDocument.Version"/> (the event count) itself.
/// </summary>
public sealed class RunDocumentProjection : SingleStreamProjection<RunDocument, string>
{
    public RunDocument Create(IEvent<NegotiationOpened> e) => new()
    {
        Id = e.StreamKey!,
        Scenario = e.Data.Scenario.Name,
        Seed = e.Data.Seed,
        // PostgreSQL keeps microseconds: an inline append sees the .NET tick, a rebuild the stored value.
        Started = new DateTimeOffset(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % 10, TimeSpan.Zero),
    };

    public void Apply(RunForked e, RunDocument run)
    {
        run.ParentRunId = e.ParentRunId;
        run.Seed = e.Scenario.Seed;
        run.Status = RunListings.Unfinished;
        run.Outcomes = [];
    }

    public void Apply(RunConcluded e, RunDocument run)
    {
        run.Status = RunListings.Concluded;
        run.Outcomes = [.. e.Outcomes];
        run.Round = e.Round;
    }
}
