namespace Negotiation.Scenarios;

/// <summary>"did you mean" for a misspelt key or value.</summary>
internal static class Suggest
{
    public static string DidYouMean(string given, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (k, d: Distance(given.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.d <= Math.Max(2, x.k.Length / 3))
            .OrderBy(x => x.d).ThenBy(x => x.k, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.k is null ? "" : $" (did you mean `{best.k}`?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
