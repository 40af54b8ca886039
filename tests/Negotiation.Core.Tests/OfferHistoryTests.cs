using CsCheck;
using Negotiation.Core.Engine;

namespace Negotiation.Core.Tests;

public class OfferHistoryTests
{
    [Fact]
    public void Reads_as_the_list_of_offers_added_oldest_first_and_an_earlier_history_is_left_as_it_was()
    {
        Gen.Int[0, 40].Sample(count =>
        {
            var offers = Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["t"] = $"o{i}" }).ToList();
            var histories = new List<OfferHistory> { OfferHistory.Empty };
            foreach (var offer in offers) histories.Add(histories[^1].Add(offer));
            for (var n = 0; n <= count; n++)
            {
                var history = histories[n];
                if (history.Count != n || history.IsEmpty != (n == 0) || !history.SequenceEqual(offers.Take(n))) return false;
                if (Enumerable.Range(0, n).Any(i => !ReferenceEquals(history[i], offers[i]))) return false;
                if (n > 0 && !ReferenceEquals(history[^1], offers[n - 1])) return false;
            }
            return true;
        }, iter: 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => OfferHistory.Empty[0]);
    }
}
