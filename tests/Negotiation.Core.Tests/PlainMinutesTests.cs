using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
using Negotiation.Testing;

namespace Negotiation.Core.Tests;

/// <summary>The minutes a class reads on the projector: quiet rounds folded, a live announcement said when it is made.</summary>
public class PlainMinutesTests
{
    [Fact]
    public void Rounds_in_which_everyone_passes_fold_into_one_line_and_an_announcement_is_told_when_it_is_made()
    {
        var story = Stories.WholeStory() with { Events = [] };
        var spec = Spec.Given([new NegotiationOpened(story, 7)]);
        for (var round = 1; round <= 3; round++)
            spec = Spec.Given(spec.Events, spec.When(spec.Exactly([.. story.Vendors.SelectMany(v => new Move[] { new Move.Pass("dow", v.Id), new Move.Pass(v.Id, v.Id) })])));
        spec = Spec.Given(spec.Events, spec.When(new AnnounceWorld(new WorldEvent(0, null, new OptionChange("openai", "usage_scope", "all-lawful-uses"), null, null))));

        var lines = PlainMinutes.Lines("run-1", spec.Events).ToList();

        // Made while round 4 is decided, the announcement is recorded with round 3, the last one stored.
        Assert.Equal(["Rounds 1 to 2", "  nobody moves, round after round", "Round 3", "  Announced live, for round 5: all-lawful-uses (Permitted uses) opens to openai."], lines.TakeLast(4));
    }
}
