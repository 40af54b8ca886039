using Negotiation.Core.Reports;

namespace Negotiation.Cli.Tests;

/// <summary>
/// Issue 24: a sweep's JSON summary is written as it is serialized, in pieces, so a million seeds are not held as one
/// text; what is written must be the very text the summary serializes to.
/// </summary>
public class SummaryJsonTests
{
    [Fact]
    public async Task A_summary_is_written_in_pieces_that_together_are_the_text_it_serializes_to()
    {
        var words = string.Concat(Enumerable.Repeat("één Überprüfung 合意 🤝 ", 1_000));
        var cells = new[] { new SweepCell(new Dictionary<string, string> { ["agency.reservation"] = words }, 3, []) };
        var summary = new SweepSummary("sweep-1", words, Enumerable.Range(1, 50_000).ToList(), cells);
        var output = new CountingWriter();

        await SummaryJson.WriteAsync(output, summary, TestContext.Current.CancellationToken);

        Assert.Equal(SummaryJson.Serialize(summary), output.ToString());
        // 50,000 seeds take about 1 MB of text: written in pieces of a few kilobytes, never as one.
        Assert.True(output.Pieces > 20, $"written in {output.Pieces} pieces");
    }

    private sealed class CountingWriter : StringWriter
    {
        public int Pieces { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            Pieces++;
            base.Write(buffer, index, count);
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken ct = default)
        {
            Pieces++;
            return base.WriteAsync(buffer, ct);
        }
    }
}
