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

/// <summary>The browser tests run alone in their assembly: pages wait on live pushes, which other tests' load would slow.</summary>
[CollectionDefinition("browser", DisableParallelization = true)]
public sealed class BrowserCollection;

/// <summary>A person at a seat, in a browser: what the page shows and what its buttons do. Screenshots go to the test output folder.</summary>
[Collection("browser")]
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

    [Fact]
    public async Task An_instructor_opens_a_session_in_the_browser_follows_it_on_the_projector_announces_news_every_seat_hears_and_reads_the_debrief()
    {
        await using var instructorContext = await browser.Browser.NewContextAsync();
        var instructor = await instructorContext.NewPageAsync();
        var root = server.Anyone.BaseAddress!.ToString().TrimEnd('/');

        await instructor.GotoAsync($"{root}/?key={RunningServer.Key}");
        await instructor.Locator("#file option[value='the-whole-story.yaml']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await instructor.Locator("#file").SelectOptionAsync("the-whole-story.yaml");
        await instructor.Locator("#groups").FillAsync("2");
        await instructor.Locator("#humans").FillAsync("anthropic, openai");
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Open the session" }).ClickAsync();
        await instructor.GetByText("Open the projector view").WaitForAsync();
        var seatLinks = await instructor.Locator("#seats a[href^='/play/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(4, seatLinks.Length);
        await instructor.ScreenshotAsync(new() { Path = Shot("instructor-opened"), FullPage = true });

        await instructor.GetByText("Open the projector view").ClickAsync();
        await instructor.GetByText("anthropic, openai").First.WaitForAsync();
        var id = instructor.Url.Split('/').Last().Split('?')[0];
        Assert.Equal(2, await instructor.Locator("#groups tr").CountAsync() - 1);

        var seats = new List<IPage>();
        var contexts = new List<IBrowserContext>();
        foreach (var link in seatLinks)
        {
            var context = await browser.Browser.NewContextAsync();
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{root}{link}");
            await page.GetByText("Round 1: waiting for you.").WaitForAsync();
            seats.Add(page);
        }

        var news = await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/world", new { text = "The Senate schedules a hearing" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, news.StatusCode);
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Advance every group a round" }).ClickAsync();
        foreach (var page in seats)
        {
            // Announced while round 1 was being decided, the news opens round 2: a seat asked for round 2 hears it.
            await page.GetByText("Round 2: waiting for you.").WaitForAsync();
            await page.Locator("#public").GetByText("The Senate schedules a hearing").WaitForAsync();
        }
        await seats[0].ScreenshotAsync(new() { Path = Shot("seat-hears-live-news"), FullPage = true });
        foreach (var page in seats) await page.GetByRole(AriaRole.Button, new() { Name = "Pass" }).First.ClickAsync();

        for (var i = 0; i < 40 && !(await instructor.Locator("#groups").InnerTextAsync()).Split('\n').Skip(1).All(row => row.Contains("concluded")); i++)
        {
            await instructor.GetByRole(AriaRole.Button, new() { Name = "Advance every group a round" }).ClickAsync();
            await Task.Delay(250, Ct);
        }
        await instructor.ScreenshotAsync(new() { Path = Shot("projector-concluded"), FullPage = true });
        await instructor.GotoAsync($"{root}/sessions/{id}/debrief?key={RunningServer.Key}");
        var debrief = await instructor.Locator("table").InnerTextAsync();
        Assert.Contains("group 1", debrief);
        Assert.Contains("group 2", debrief);
        await instructor.ScreenshotAsync(new() { Path = Shot("debrief"), FullPage = true });
        foreach (var context in contexts) await context.DisposeAsync();
    }

    [Fact]
    public async Task Four_people_play_a_group_to_its_end_through_the_pages_while_the_api_plays_another()
    {
        string[] everyone = ["dow", "anthropic", "openai", "xai"];
        var opened = await (await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 2, humans = everyone, seed = 7 }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = opened.GetProperty("session").GetString()!;
        var groups = opened.GetProperty("groups").EnumerateArray().ToList();
        var runs = groups.Select(g => g.GetProperty("runId").GetString()!).ToList();
        string CodeOf(int group, string party) => groups[group].GetProperty("seats").EnumerateArray().Single(x => x.GetProperty("party").GetString() == party).GetProperty("code").GetString()!;
        var root = server.Anyone.BaseAddress!.ToString().TrimEnd('/');
        // The run's first event carries the scenario; until the run has stored it, there is nothing to read.
        var first = await server.Store.ReadAsync(runs[0], null, Ct);
        for (var i = 0; i < 100 && first.Count == 0; i++, first = await server.Store.ReadAsync(runs[0], null, Ct)) await Task.Delay(50, Ct);
        var rounds = ((NegotiationOpened)first[0].Event).Scenario.Rounds;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var other = Task.Run(async () =>
        {
            // The other group: two seats played through the API, the other two moved by the instructor's advance.
            while (!stop.IsCancellationRequested)
            {
                foreach (var party in new[] { "anthropic", "openai" })
                {
                    var seat = await server.Anyone.GetFromJsonAsync<JsonElement>($"/api/seats/{CodeOf(1, party)}", stop.Token);
                    if (seat.GetProperty("waiting") is { ValueKind: JsonValueKind.Object } waiting && waiting.GetProperty("kind").GetString() == "moves")
                        await server.Anyone.PostAsJsonAsync($"/api/seats/{CodeOf(1, party)}/moves", new { round = waiting.GetProperty("round").GetInt32(), moves = new[] { new { kind = "pass" } } }, stop.Token);
                }
                var status = await server.Instructor.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", stop.Token);
                var waitingFor = status.GetProperty("groups")[1].GetProperty("waitingFor").EnumerateArray().Select(p => p.GetString()).ToList();
                if (waitingFor.Count > 0 && waitingFor.All(p => p is "dow" or "xai")) await server.Instructor.PostAsJsonAsync($"/api/sessions/{id}/advance", new { group = 2 }, stop.Token);
                if (status.GetProperty("groups")[1].GetProperty("concluded").GetBoolean()) return;
                await Task.Delay(50, stop.Token);
            }
        }, stop.Token);

        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        foreach (var party in everyone)
        {
            var context = await browser.Browser.NewContextAsync();
            contexts.Add(context);
            var page = await context.NewPageAsync();
            // Twelve rounds of four people on a shared 2-core machine: generous waits, the same checks.
            page.SetDefaultTimeout(90_000);
            await page.GotoAsync($"{root}/play/{CodeOf(0, party)}");
            pages.Add(page);
        }
        for (var round = 1; round <= rounds; round++)
            foreach (var page in pages)
            {
                await page.GetByText($"Round {round}: waiting for you.").WaitForAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Pass" }).First.ClickAsync();
            }
        for (var i = 0; i < 200 && (await server.Store.ReadAsync(runs[0], null, Ct)) is var stored && stored[^1].Event is not RunConcluded; i++) await Task.Delay(50, Ct);
        foreach (var page in pages)
        {
            try
            {
                if (!await page.GetByText("The run has concluded").IsVisibleAsync()) await page.ReloadAsync();
                await page.GetByText("The run has concluded").WaitForAsync();
            }
            catch (TimeoutException)
            {
                var last = (await server.Store.ReadAsync(runs[0], null, Ct)).Select(e => e.Event).TakeLast(3).Select(e => e.GetType().Name);
                throw new TimeoutException($"{await page.Locator("#status").InnerTextAsync()} | {await page.Locator("#asked").InnerTextAsync()} | run ends {string.Join(", ", last)}");
            }
        }
        await pages[0].ScreenshotAsync(new() { Path = Shot("agency-concluded"), FullPage = true });
        await other;

        var played = (await server.Store.ReadAsync(runs[0], null, Ct)).Select(e => e.Event).ToList();
        Assert.IsType<RunConcluded>(played[^1]);
        Assert.All(((RunConcluded)played[^1]).Outcomes, o => Assert.Equal(OutcomeResult.Deadline, o.Result));
        Assert.IsType<RunConcluded>((await server.Store.ReadAsync(runs[1], null, Ct))[^1].Event);
        foreach (var context in contexts) await context.DisposeAsync();
    }
}
