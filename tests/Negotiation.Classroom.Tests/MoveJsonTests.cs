using System.Text.Json;
using Negotiation.Core.Engine;
using Negotiation.Core.Model;

namespace Negotiation.Classroom.Tests;

/// <summary>Issue 22: the wire's words (`walk_away`) have one home, `Words.OnWire`, read and written alike.</summary>
public class MoveJsonTests
{
    private static Move RoundTrip(Move move) =>
        MoveJson.Read(JsonSerializer.SerializeToElement(MoveJson.Write(move), ClassServer.Json), move.Party, isAgency: false);

    [Fact]
    public void Every_answer_is_written_in_the_words_the_api_reads_back()
    {
        foreach (var answer in Enum.GetValues<ThreatResponse>())
            Assert.Equal(answer, Assert.IsType<Move.AnswerThreat>(RoundTrip(new Move.AnswerThreat("acme", answer, []))).Answer);
        foreach (var answer in Enum.GetValues<DesignationResponse>())
            Assert.Equal(answer, Assert.IsType<Move.AnswerDesignation>(RoundTrip(new Move.AnswerDesignation("acme", answer))).Answer);

        Assert.Equal(["hold", "concede", "walk_away"], Enum.GetValues<ThreatResponse>().Select(Words.OnWire));
        var wrong = Assert.Throws<MoveFormatException>(() => MoveJson.Read(JsonSerializer.SerializeToElement(new { kind = "answer_threat", answer = "walk-away" }), "acme", false));
        Assert.Equal("`answer` walk-away: hold, concede, walk_away", wrong.Message);
    }
}
