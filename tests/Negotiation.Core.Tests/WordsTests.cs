using Negotiation.Core.Model;

namespace Negotiation.Core.Tests;

/// <summary>Issue 22: an answer was spelled `walk-away` in files, `walk_away` on the wire and `walk` at the console, each in its own place.</summary>
public class WordsTests
{
    [Theory]
    [InlineData("walk-away", ThreatResponse.WalkAway)]
    [InlineData("walk_away", ThreatResponse.WalkAway)]
    [InlineData("walk", ThreatResponse.WalkAway)]
    [InlineData("w", ThreatResponse.WalkAway)]
    [InlineData("hold", ThreatResponse.Hold)]
    [InlineData("h", ThreatResponse.Hold)]
    [InlineData("c", ThreatResponse.Concede)]
    public void A_threat_answer_is_read_in_every_spelling_a_person_types(string typed, ThreatResponse meant) =>
        Assert.Equal(meant, Words.Typed<ThreatResponse>(typed));

    [Theory]
    [InlineData("")]
    [InlineData("away")]
    [InlineData("litigate")]
    [InlineData("x")]
    public void A_word_that_names_no_answer_is_none(string typed) => Assert.Null(Words.Typed<ThreatResponse>(typed));

    [Fact]
    public void Every_spelling_of_every_answer_names_only_that_answer()
    {
        foreach (var response in Enum.GetValues<DesignationResponse>())
            foreach (var typed in new[] { Words.Of(response), Words.OnWire(response), Words.Of(response)[..1] })
                Assert.Equal(response, Words.Typed<DesignationResponse>(typed));
        foreach (var response in Enum.GetValues<ThreatResponse>())
            Assert.Equal(response, Words.FromWire<ThreatResponse>(Words.OnWire(response)));
    }
}
