using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Xunit;

namespace Negotiation.Testing;

/// <summary>
/// The invariants every run must keep (scenario format, "Invariants every run must keep"), checked event by event.
/// Deliberately independent of the engine: it keeps its own account of red lines dropped, options locked,
/// numbers changed and outcomes from the events and the scenario alone, and recomputes every utility, so a
/// bug in the engine's own helpers (its state, its rules) cannot hide itself here.
/// </summary>
public static class Invariants
{
    public static void Check(IReadOnlyList<RunEvent> events)
    {
        var opened = Assert.IsType<NegotiationOpened>(events[0]);
        var account = new Account(opened.Scenario);
        foreach (var e in events.Skip(1))
        {
            switch (e)
            {
                case RunForked f:
                    account.Scenario = f.Scenario;
                    break;
                case OfferMade offer:
                    Assert.Empty(account.Crossed(offer.From, offer.Vendor, offer.Terms));
                    Assert.DoesNotContain(offer.Terms, kv => account.Locks.Contains((offer.From, kv.Key, kv.Value)));
                    break;
                case AgreementSigned signed:
                    foreach (var party in new[] { account.Scenario.Agency.Id, signed.Vendor })
                    {
                        Assert.Empty(account.Crossed(party, signed.Vendor, signed.Terms));
                        Assert.DoesNotContain(signed.Terms, kv => account.Locks.Contains((party, kv.Key, kv.Value)));
                        var utility = account.Utility(party, signed.Terms);
                        Assert.Equal(utility, signed.Utilities[party], 9);
                        Assert.True(utility >= account.Reservation(party) - 1e-9,
                            $"{party} signed at {utility}, below its reservation {account.Reservation(party)}");
                    }
                    account.Outcomes[signed.Vendor] = (OutcomeResult.Agreement, signed.Round, signed.Terms);
                    break;
                case DesignationThreatened threatened:
                    Assert.DoesNotContain(threatened.Vendor, account.Enjoined);
                    break;
                case DesignationLifted lifted:
                    Assert.Equal(LitigationStatus.InjunctionGranted, account.Litigation.GetValueOrDefault(lifted.Vendor));
                    account.Enjoined.Add(lifted.Vendor);
                    account.Outcomes.Remove(lifted.Vendor);
                    break;
                case RedLineAudited audited:
                    var dropped = account.Dropped.Contains((audited.Vendor, audited.Vendor, audited.RedLine));
                    Assert.Equal(dropped, audited.Dropped);
                    Assert.True(dropped || audited.Status != RedLineStatus.Crossed, $"{audited.Vendor}'s {audited.RedLine} reported crossed");
                    break;
                default:
                    account.Apply(e);
                    break;
            }
        }

        var concluded = Assert.IsType<RunConcluded>(events[^1]);
        Assert.Equal(account.Scenario.Vendors.Select(v => v.Id), concluded.Outcomes.Select(o => o.Vendor));
        foreach (var o in concluded.Outcomes)
        {
            var (result, round, terms) = account.Outcomes.TryGetValue(o.Vendor, out var ended) ? ended : (OutcomeResult.Deadline, -1, null);
            Assert.Equal((o.Vendor, result, round), (o.Vendor, o.Result, o.Round));
            Assert.Equal(result == OutcomeResult.Agreement, o.Terms is not null);
            if (terms is not null) Assert.Equal(terms.OrderBy(kv => kv.Key), o.Terms!.OrderBy(kv => kv.Key));
            Assert.Equal(account.Litigation.GetValueOrDefault(o.Vendor), o.Litigation);
        }
    }

    /// <summary>The invariants' own record of a run: what they need, folded from the events and nothing else.</summary>
    private sealed class Account(Scenario scenario)
    {
        public Scenario Scenario { get; set; } = scenario;

        /// <summary>(party, negotiation, red line) dropped.</summary>
        public HashSet<(string Party, string Vendor, string RedLine)> Dropped { get; } = [];

        /// <summary>(party, term, option) locked. An option a world event unlocks, not locked before that, starts locked.</summary>
        public HashSet<(string Party, string Term, string Option)> Locks { get; } = scenario.Events
            .Where(w => w.Unlock is { } u && !scenario.Events.Any(l => l.Lock == u && l.Round <= w.Round))
            .Select(w => (w.Unlock!.Party, w.Unlock.Term, w.Unlock.Option))
            .ToHashSet();

        public Dictionary<(string Party, string Field), double> Numbers { get; } = [];

        public Dictionary<string, (OutcomeResult Result, int Round, IReadOnlyDictionary<string, string>? Terms)> Outcomes { get; } = [];

        public Dictionary<string, LitigationStatus?> Litigation { get; } = [];

        /// <summary>Vendors whose designation a court's injunction lifted: the agency may not threaten them again.</summary>
        public HashSet<string> Enjoined { get; } = [];

        public void Apply(RunEvent e)
        {
            switch (e)
            {
                case OptionLocked l: Locks.Add((l.Party, l.Term, l.Option)); break;
                case OptionUnlocked u: Locks.Remove((u.Party, u.Term, u.Option)); break;
                case PartyNumberSet n: Numbers[(n.Party, n.Field)] = n.Value; break;
                case RedLinesDropped d: foreach (var id in d.RedLines) Dropped.Add((d.Vendor, d.Vendor, id)); break;
                case RedLineDropped d: Dropped.Add((d.Party, d.Vendor, d.RedLine)); break;
                case WalkedAway w: Outcomes[w.Vendor] = (OutcomeResult.WalkedAway, w.Round, null); break;
                case Designated d: Outcomes[d.Vendor] = (OutcomeResult.Designated, d.Round, null); break;
                case DeadlinePassed d: foreach (var v in d.Vendors) Outcomes[v] = (OutcomeResult.Deadline, d.Round, null); break;
                case LitigationFiled l: Litigation[l.Vendor] = LitigationStatus.Pending; break;
                case CourtRuled c: Litigation[c.Vendor] = c.InjunctionGranted ? LitigationStatus.InjunctionGranted : LitigationStatus.InjunctionDenied; break;
            }
        }

        private PartySpec Party(string id) => Scenario.Agency.Id == id ? Scenario.Agency : Scenario.Vendors.Single(v => v.Id == id);

        public IEnumerable<string> Crossed(string party, string vendor, IReadOnlyDictionary<string, string> terms) =>
            Party(party).RedLines
                .Where(l => !Dropped.Contains((party, vendor, l.Id)))
                .Where(l => terms.TryGetValue(l.Term, out var option) &&
                            (l.Require is { } require ? !require.Contains(option) : l.Forbid!.Contains(option)))
                .Select(l => l.Id);

        public double Reservation(string party) => Numbers.TryGetValue((party, "reservation"), out var r) ? r : Party(party).Reservation;

        /// <summary>Sum of weight x value with weights normalised to 1, weights as changed by world events so far.</summary>
        public double Utility(string party, IReadOnlyDictionary<string, string> terms)
        {
            var spec = Party(party);
            double Weight(string term) => Numbers.TryGetValue((party, $"preferences.{term}.weight"), out var w) ? w
                : spec.Preferences.TryGetValue(term, out var p) ? p.Weight : 0;
            var total = Scenario.Terms.Sum(t => Weight(t.Id));
            if (total <= 0) return 0;
            return terms.Sum(kv => spec.Preferences.TryGetValue(kv.Key, out var p) && p.Values.TryGetValue(kv.Value, out var v)
                ? Weight(kv.Key) / total * v
                : 0);
        }
    }

    /// <summary>Sum of weight x value with weights normalised to 1, weights as the scenario gives them.</summary>
    public static double Utility(Scenario scenario, string party, IReadOnlyDictionary<string, string> terms) =>
        new Account(scenario).Utility(party, terms);

    public static IReadOnlyList<string> Json(IEnumerable<RunEvent> events) => events.Select(e => EventTypes.NameOf(e) + EventJson.Serialize(e)).ToList();
}
