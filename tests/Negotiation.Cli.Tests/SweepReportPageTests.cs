using Negotiation.Testing;

namespace Negotiation.Cli.Tests;

/// <summary>
/// The sweep report in a real browser (issue 20: "readable at 100 cells", a report for a brief): on a desk screen and
/// a phone, no page-wide sideways scroll, axes labelled with the varied values, the design's sections present.
/// Screenshots go to the test output's <c>screenshots/</c>.
/// </summary>
public class SweepReportPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Shot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");

    [Fact]
    public async Task A_grid_of_100_cells_reads_on_a_desk_screen_and_a_phone()
    {
        var report = Cli.TempFile("hundred.html");
        var odds = string.Join(',', Enumerable.Range(1, 10).Select(i => (i / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
        var floors = string.Join(',', Enumerable.Range(0, 10).Select(i => (0.2 + i * 0.03).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await Cli.RunAsync("sweep", Cli.Scenario("refuse-and-litigate.yaml"), "--seeds", "1..2",
            "--vary", $"litigation.injunction_probability={odds}", "--vary", $"vendors.anthropic.reservation={floors}", "--report", report);

        Assert.True(result.ExitCode == 0, result.Err);
        foreach (var (name, width, height) in new[] { ("desk", 1280, 900), ("phone", 390, 844) })
        {
            var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            await page.GotoAsync(new Uri(report).AbsoluteUri);
            await page.ScreenshotAsync(new() { Path = Shot($"sweep-100-cells-{name}"), FullPage = false });
            // The page itself never scrolls sideways: charts shrink to the screen, wide tables scroll in their own box.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{name}: the page scrolls sideways");
            Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('svg')].every(s => s.getBoundingClientRect().width <= window.innerWidth)"));
            await page.CloseAsync();
        }
        var html = await File.ReadAllTextAsync(report, Ct);
        // The cells' axis says their values, every k-th of 100 so that no more than 25 labels share it.
        Assert.Matches(@">\s*0\.1 · 0\.20\s*</text>", html);
        Assert.InRange(System.Text.RegularExpressions.Regex.Count(html.Split("<svg")[1], @">\s*[01]\.\d · 0\.\d\d\s*</text>"), 20, 25);
        Assert.Contains("litigation.injunction_probability · vendors.anthropic.reservation", html);
        Assert.Contains("payoff (all vendors)", html);
        Assert.Contains("mean round ended", html);
    }

    [Fact]
    public async Task A_design_report_shows_which_inputs_matter_and_the_box_found()
    {
        var story = Cli.TempFile("odds-on-threat.yaml");
        await File.WriteAllTextAsync(story, (await File.ReadAllTextAsync(Cli.Scenario("refuse-and-litigate.yaml"), Ct))
            .Replace("    on_threat: best-response", "    on_threat: { one_of: [hold, concede] }", StringComparison.Ordinal)
            .Replace("  injunction_probability: 0.6", "  injunction_probability: { between: [0.1, 0.9] }", StringComparison.Ordinal), Ct);
        var report = Cli.TempFile("design.html");

        var result = await Cli.RunAsync("sweep", story, "--design", "lhs", "--samples", "60", "--seeds", "1..2", "--discover", "anthropic.result=designated", "--report", report);

        Assert.True(result.ExitCode == 0, result.Err);
        var page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 1000 } });
        await page.GotoAsync(new Uri(report).AbsoluteUri + "#sensitivity");
        await page.ScreenshotAsync(new() { Path = Shot("sweep-design-sensitivity") });
        Assert.True(await page.Locator("#sensitivity").IsVisibleAsync());
        Assert.Equal("anthropic.result=designated", await page.Locator("#discovery code").First.InnerTextAsync());
        var box = page.Locator("h3", new() { HasText = "Box 1" });
        Assert.Contains("coverage 100 %, density 100 %", await box.InnerTextAsync());
        Assert.Equal("hold", await page.Locator("table:below(h3:has-text('Box 1')) td").Nth(1).InnerTextAsync());
        await page.CloseAsync();
    }
}
