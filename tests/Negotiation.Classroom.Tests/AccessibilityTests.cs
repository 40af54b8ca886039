using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Negotiation.Testing;

namespace Negotiation.Classroom.Tests;

/// <summary>
/// Issue 19: WCAG 2.1 AA, checked by axe-core (vendored, `Vendor/axe-core`) in a real browser on the pages a class
/// uses: the opening page, a seat, the projector and the debrief; at a phone's size and a desk's, where no page may
/// scroll sideways.
/// </summary>
[Collection("browser")]
public class AccessibilityTests(ClassServerFixture server, BrowserFixture browser) : IClassFixture<ClassServerFixture>, IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Axe = Path.Combine(AppContext.BaseDirectory, "Vendor", "axe-core", "axe.min.js");

    public static TheoryData<int, int> Screens => new() { { 390, 844 }, { 1920, 1080 } };

    private static string Shot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");

    /// <summary>axe-core's violations of WCAG 2.0 and 2.1, levels A and AA, each with the elements it names.</summary>
    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Axe });
        var found = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); " +
            "return { passes: r.passes.length, violations: r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')) }; }");
        // axe-core ran its rules: a page it could not check would pass none.
        Assert.True(found.GetProperty("passes").GetInt32() >= 5, $"axe-core passed only {found.GetProperty("passes").GetInt32()} rules");
        return found.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_pages_of_a_class_meet_wcag_2_1_aa_and_never_scroll_sideways(int width, int height)
    {
        var opened = await server.Instructor.PostAsJsonAsync("/api/sessions", new { scenarioFile = "the-whole-story.yaml", groups = 2, humans = new[] { "dow", "openai" }, seed = 7 }, Ct);
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = session.GetProperty("session").GetString()!;
        var seat = session.GetProperty("groups")[0].GetProperty("seats").EnumerateArray().First(s => s.GetProperty("party").GetString() == "dow").GetProperty("code").GetString()!;
        // The pages' own policy forbids injected scripts; the test's browser may run axe-core all the same.
        await using var context = await browser.Browser.NewContextAsync(new() { BypassCSP = true, ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var key = RunningServer.Key;
        var root = server.Anyone.BaseAddress!.ToString().TrimEnd('/');

        var pages = new (string Name, string Url, string Ready)[]
        {
            ("opening", $"{root}/?key={key}", "h1"),
            ("seat", $"{root}/play/{seat}", "#negotiations .negotiation"),
            ("projector", $"{root}/sessions/{id}?key={key}", "#groups tr"),
            ("debrief", $"{root}/sessions/{id}/debrief?key={key}", "h1"),
        };
        var problems = new List<string>();
        foreach (var (name, url, ready) in pages)
        {
            await page.GotoAsync(url);
            await page.Locator(ready).First.WaitForAsync();
            // The screen's top 720 px at most: small enough for docs/screenshots (PNG under 200 KB).
            await page.ScreenshotAsync(new() { Path = Shot($"a11y-{name}-{width}"), Clip = new() { X = 0, Y = 0, Width = width, Height = Math.Min(height, 720) } });
            problems.AddRange((await ViolationsAsync(page)).Select(v => $"{name} at {width}px: {v}"));
            if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))
                problems.Add($"{name} at {width}px: the page scrolls sideways ({await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px): " +
                             await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
                                                              ".slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')).join(', ')"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
