using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;

namespace Negotiation.Classroom.Tests;

/// <summary>One headless Chromium (Debian's) for the class, driving the real pages of a real server.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A person at a seat, in a browser: what the page shows and what its buttons do. Screenshots go to the test output folder.</summary>
public class SeatPageTests(ClassServerFixture server, BrowserFixture browser) : IClassFixture<ClassServerFixture>, IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Shot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");

    [Fact]
    public async Task A_student_reads_the_brief_makes_an_offer_sees_the_round_move_on_and_keeps_the_seat_after_a_reload()
    {
        var response = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 1, humans = new[] { "anthropic" }, seed = 7 }, Ct);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = session.GetProperty("groups")[0].GetProperty("seats")[0].GetProperty("code").GetString()!;
        var runId = session.GetProperty("groups")[0].GetProperty("runId").GetString()!;
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{server.Anyone.BaseAddress}play/{code}");
        await page.GetByText("Round 1: waiting for you.").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot("seat-round-1"), FullPage = true });
        var brief = await page.Locator("#brief").InnerTextAsync();
        Assert.Contains("No domestic mass surveillance", brief);
        Assert.DoesNotContain("reservation 0.5", brief);

        await page.Locator("select[name=domestic_surveillance]").SelectOptionAsync("contractual-ban");
        Assert.Contains("This offer is worth", await page.Locator("#negotiations").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send this offer" }).ClickAsync();
        await page.GetByText("Round 2: waiting for you.").WaitForAsync();

        var events = (await server.Store.ReadAsync(runId, null, Ct)).Select(e => e.Event).ToList();
        var offer = events.OfType<OfferMade>().Single(o => o.Round == 1 && o.From == "anthropic");
        Assert.Equal("contractual-ban", offer.Terms["domestic_surveillance"]);

        await page.ReloadAsync();
        await page.GetByText("Round 2: waiting for you.").WaitForAsync();
        Assert.Contains("Their standing offer", await page.Locator("#negotiations").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Shot("seat-round-2-after-reload"), FullPage = true });
        Assert.Equal(1, Evolution.Fold(events).Round);
    }
}
