using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Negotiation.Actors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Negotiation.Core.Engine;
using Negotiation.Core.Events;
using Negotiation.Core.Model;
using Negotiation.Core.Reports;
using Negotiation.Core.Seats;
using Negotiation.Core.Storage;
using Negotiation.Presentation;
using Negotiation.Scenarios;

namespace Negotiation.Classroom;

/// <param name="Host">127.0.0.1 unless told otherwise</param>
/// <param name="Scenarios">the folder of scenario files an instructor may name</param>
public sealed record ServeOptions(string Host, int Port, string InstructorKey, string Scenarios)
{
    /// <summary>The base of every link the server prints or shows (classroom.md 1.1 `--public-url`); null: its own address.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>The wrong instructor keys tried from each address.</summary>
    public WrongKeys WrongKeys { get; init; } = new();
}

/// <summary>The JSON API of classroom.md over <see cref="ClassSessions"/>: parsing, checking and rendering, no rules.</summary>
public static class ClassServer
{
    public const long MaxBody = 1024 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Builds the server, starts it (its actor system with it) and takes up the sessions kept in <paramref name="sessionsFolder"/>.
    /// </summary>
    public static async Task<(WebApplication App, ClassSessions Sessions, int Restored)> StartAsync(
        ServeOptions options, IEventStore store, SeatDesk desk, string sessionsFolder, CancellationToken ct = default)
    {
        var app = Build(options, store, desk, sessionsFolder);
        await app.StartAsync(ct);
        var sessions = app.Services.GetRequiredService<ClassSessions>();
        return (app, sessions, await sessions.RestoreAsync(ct));
    }

    /// <summary>
    /// The server: one web host that carries the engine's actor system too (Akka.Hosting's <c>AddAkka</c>), the
    /// sessions over it, and the API and pages of classroom.md.
    /// </summary>
    public static WebApplication Build(ServeOptions options, IEventStore store, SeatDesk desk, string sessionsFolder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        NegotiationEngine.AddNegotiationEngine(builder.Services, store, seats: desk);
        builder.Services.AddSingleton(NegotiationEngine.Of);
        builder.Services.AddSingleton(services => new ClassSessions(services.GetRequiredService<NegotiationEngine>(), store, desk, sessionsFolder));
        // Standard output is the program's (the instructor's URL); what goes wrong is logged to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Error).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBody);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(InstructorKeyHandler.Name)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, InstructorKeyHandler>(InstructorKeyHandler.Name, null);
        builder.Services.AddAuthorization();
        // classroom.md 1.1: outside agents read the API's OpenAPI document at /openapi/v1.json.
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Negotiation class server";
            document.Info.Version = "1.1";
            document.Info.Description = "The JSON API of classroom.md (version 1.1). Instructor calls take `Authorization: Bearer KEY`; " +
                                        "a seat's calls need only its code. Every error is {\"errors\": [...]}.";
            return Task.CompletedTask;
        }));
        var app = builder.Build();
        var sessions = app.Services.GetRequiredService<ClassSessions>();
        // Every answer: no sniffing, no framing, no referrer (a seat's address is its code), scripts and
        // connections from this server only, and nothing kept by a shared browser's cache (issue 23).
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            if (!context.Request.Path.StartsWithSegments("/assets")) headers.CacheControl = "no-store";
            await next();
        });
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            (int Status, string Message) answer = failure switch
            {
                BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the body is over 1 MB" : "a bad request"),
                // A field of the wrong type is refused whole: `{"group": "1"}` once advanced every group.
                WrongField wrong => (StatusCodes.Status400BadRequest, wrong.Message),
                _ => (StatusCodes.Status500InternalServerError, "the server failed; the runs keep every round already stored"),
            };
            if (answer.Status >= 500)
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Negotiation.Classroom")
                    .LogError(failure, "{Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            await Answers.Errors(answer.Status, answer.Message).ExecuteAsync(context);
        }));
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        // Route groups per feature: what the instructor alone may do, what a seat does with its code, the pages.
        var sessionsApi = app.MapGroup("/api/sessions").RequireAuthorization().WithTags("sessions");
        sessionsApi.MapPost("", (Func<HttpContext, Task<IResult>>)(http => OpenAsync(http, options, sessions)))
            .WithSummary("Open a session (instructor)").Accepts<ApiShapes.OpenSession>("application/json")
            .Produces(StatusCodes.Status201Created).Produces<ApiShapes.Errors>(StatusCodes.Status400BadRequest).Produces<ApiShapes.Errors>(StatusCodes.Status401Unauthorized);
        sessionsApi.MapGet("", () => SessionList(sessions)).WithSummary("Every session the server holds, newest first (instructor)");
        sessionsApi.MapGet("/{id}", (string id) => SessionAsync(sessions, id)).WithSummary("A session: its groups, rounds, outcomes, who is still to move");
        sessionsApi.MapGet("/{id}/seats", (HttpContext http, string id) => Seats(http, options, sessions, id)).WithSummary("Every seat with its link, as JSON or ?format=csv");
        sessionsApi.MapPost("/{id}/advance", (HttpContext http, string id) => AdvanceAsync(http, sessions, id)).WithSummary("The policy moves for every seat still asked (a group or all)");
        sessionsApi.MapPost("/{id}/world", (HttpContext http, string id) => WorldAsync(http, sessions, id)).WithSummary("Announce a world event to a group or all");
        sessionsApi.MapPost("/{id}/pause", (string id) => Pause(sessions, id, true)).WithSummary("Pause: no round closes, no round's time runs");
        sessionsApi.MapPost("/{id}/resume", (string id) => Pause(sessions, id, false)).WithSummary("Resume a paused session");
        sessionsApi.MapPost("/{id}/roster", (HttpContext http, string id) => RosterAsync(http, sessions, id))
            .WithSummary("Give the seats students' names, in group then seat order: a CSV of names (text/csv), a name a line");
        sessionsApi.MapPost("/{id}/timer", (HttpContext http, string id) => RoundTimeAsync(http, sessions, id))
            .WithSummary("Change the round time from the next seat asked on: {\"roundSeconds\": N}, or null for no timer");
        sessionsApi.MapGet("/{id}/live", async (HttpContext http, string id) =>
        {
            if (sessions.Session(id) is not { } session) return Answers.Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
            await ProjectorLiveAsync(http, sessions, session);
            return Results.Empty;
        }).WithMetadata(new KeyInQuery()).WithSummary("The room's view of the session as server-sent events (key in the header or ?key=)");

        var scenariosApi = app.MapGroup("/api/scenarios").RequireAuthorization().WithTags("scenarios");
        scenariosApi.MapGet("", () => Results.Json(Directory.EnumerateFiles(options.Scenarios, "*.yaml").Select(Path.GetFileName).Order().ToList(), Json))
            .WithSummary("The scenario files an instructor can pick");
        scenariosApi.MapGet("/{name}", (string name) => ScenarioSummary(options, name)).WithSummary("A scenario file's title, rounds and parties");

        var seatsApi = app.MapGroup("/api/seats/{code}").WithTags("seats");
        seatsApi.MapGet("", (string code) => SeatAsync(sessions, code))
            .WithSummary("What the seat sees now, and what it is asked").Produces<ApiShapes.Seat>().Produces<ApiShapes.Errors>(StatusCodes.Status404NotFound);
        seatsApi.MapGet("/live", (HttpContext http, string code) => LiveAsync(http, sessions, code)).WithSummary("The seat's view as server-sent events");
        seatsApi.MapPost("/moves", (HttpContext http, string code) => MovesAsync(http, sessions, code))
            .WithSummary("The seat's moves for the round it is asked").Accepts<ApiShapes.Moves>("application/json")
            .Produces(StatusCodes.Status202Accepted).Produces<ApiShapes.Errors>(StatusCodes.Status409Conflict).Produces<ApiShapes.Errors>(StatusCodes.Status422UnprocessableEntity);

        // Pages: static ones anyone may load (what they show comes from the API), and the instructor's, opened from a link.
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", () => Page("index.html"));
        pages.MapGet("/sessions/{id}", (string id) => Page("session.html"));
        pages.MapGet("/play/{code}", (string code) => Page("seat.html"));
        pages.MapGet("/assets/{name}", (string name) => name is "class.css" or "seat.js" or "instructor.js" or "projector.js" ? Page(name) : Results.NotFound());
        var instructorPages = app.MapGroup("/sessions/{id}").RequireAuthorization().WithMetadata(new KeyInQuery()).ExcludeFromDescription();
        instructorPages.MapGet("/debrief", (HttpContext http, string id) => DebriefAsync(http, sessions, id));
        instructorPages.MapGet("/note", (string id) => sessions.Session(id) is { } session
            ? Results.Text(RoleSheet.TeachingNote(session.Scenario, session.Note), "text/html; charset=utf-8")
            : Answers.Errors(StatusCodes.Status404NotFound, $"no session `{id}`"));
        instructorPages.MapGet("/desk", (string id) => DeskAsync(sessions, id));
        instructorPages.MapGet("/seats", (HttpContext http, string id) => sessions.Session(id) is { } session
            ? Results.Text(SeatCards.Html(session, LinkRoot(http, options)), "text/html; charset=utf-8")
            : Answers.Errors(StatusCodes.Status404NotFound, $"no session `{id}`"));
        return app;
    }

    // The pages are static: what they show comes from the API, so a page holds no secret and no session data.
    private static IResult Page(string name)
    {
        using var stream = typeof(ClassServer).Assembly.GetManifestResourceStream($"Pages/{name}")!;
        using var reader = new StreamReader(stream);
        var type = Path.GetExtension(name) switch { ".css" => "text/css", ".js" => "text/javascript", _ => "text/html" };
        return Results.Text(reader.ReadToEnd(), $"{type}; charset=utf-8");
    }

    private static async Task<IResult> DebriefAsync(HttpContext http, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is not { } session) return Answers.Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        var runs = new List<(string, IReadOnlyList<RunEvent>)>();
        foreach (var group in session.Groups)
            runs.Add(($"group {group.Number}", (await sessions.ReadAsync(group.RunId, http.RequestAborted)).Events));
        return Results.Text(Debrief.Html($"Debrief: {session.Scenario.Title ?? session.Scenario.Name}", runs), "text/html; charset=utf-8");
    }

    /// <summary>The base of every link the server shows (classroom.md 1.1): `--public-url`, or the address it was reached by.</summary>
    private static string LinkRoot(HttpContext http, ServeOptions options) => (options.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');

    /// <summary>A seat's link: its page under the server's link root.</summary>
    internal static string SeatUrl(string root, string code) => $"{root}/play/{code}";

    private static async Task<IResult> OpenAsync(HttpContext http, ServeOptions options, ClassSessions sessions)
    {
        if (await BodyAsync(http) is not { } body) return Malformed();
        var (scenario, problems, source) = ScenarioOf(body, options);
        if (problems is not null) return Answers.Errors(StatusCodes.Status400BadRequest, problems, null);
        var groups = Int(body, "groups") ?? 1;
        if (groups is < 1 or > 64) return Errors(StatusCodes.Status400BadRequest, "`groups`: from 1 to 64");
        var humans = Texts(body, "humans");
        if (humans.FirstOrDefault(p => scenario!.Parties.All(party => party.Id != p)) is { } unknown)
            return Errors(StatusCodes.Status400BadRequest, $"`humans`: there is no party `{unknown}`");
        var roundSeconds = Int(body, "roundSeconds");
        if (roundSeconds is < 1 or > 3600) return Errors(StatusCodes.Status400BadRequest, "`roundSeconds`: from 1 to 3600, or absent for no round timer");
        var session = sessions.Open(scenario!, groups, humans.Distinct().ToList(), Int(body, "seed") ?? scenario!.Seed, roundSeconds, RoleSheet.Note(source));
        var root = LinkRoot(http, options);
        return Results.Json(new
        {
            session = session.Id,
            groups = session.Groups.Select(g => new { group = g.Number, runId = g.RunId, seats = g.Seats.Select(s => new { party = s.Party, code = s.Code, url = SeatUrl(root, s.Code) }) }),
        }, Json, statusCode: StatusCodes.Status201Created);
    }

    private static (Scenario? Scenario, IReadOnlyList<object>? Problems, string Text) ScenarioOf(JsonElement body, ServeOptions options)
    {
        LoadResult loaded;
        string source;
        if (body.TryGetProperty("scenario", out var text) && text.ValueKind == JsonValueKind.String)
        {
            source = text.GetString()!;
            loaded = ScenarioLoader.Parse(source, "scenario");
        }
        else if (body.TryGetProperty("scenarioFile", out var file) && file.ValueKind == JsonValueKind.String)
        {
            var name = file.GetString()!;
            if (ScenarioFile(options, name) is not { } path)
                return (null, [new { line = 0, column = 0, message = $"`scenarioFile`: no scenario file `{name}` in the scenarios folder" }], "");
            source = File.ReadAllText(path);
            loaded = ScenarioLoader.Parse(source, path);
        }
        else
        {
            return (null, [new { line = 0, column = 0, message = "give `scenario` (YAML text) or `scenarioFile`" }], "");
        }
        return loaded.Ok
            ? (loaded.Scenario, null, source)
            : (null, Problems(loaded), source);
    }

    // A scenario's errors as `validate` reports them: line, column and message.
    private static IReadOnlyList<object> Problems(LoadResult loaded) =>
        loaded.Errors.Select(e => (object)new { line = e.Line, column = e.Column, message = e.Message }).ToList();

    // Only a file name of the scenarios folder: nothing from a request reaches the file system unchecked.
    private static string? ScenarioFile(ServeOptions options, string name) =>
        name.Length > 0 && name == Path.GetFileName(name) && name.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(Path.Combine(options.Scenarios, name))
            ? Path.Combine(options.Scenarios, name)
            : null;

    /// <summary>What the opening page shows of a scenario file before a session is opened: its parties to seat people at.</summary>
    private static IResult ScenarioSummary(ServeOptions options, string name)
    {
        if (ScenarioFile(options, name) is not { } path) return Errors(StatusCodes.Status404NotFound, $"no scenario file `{name}` in the scenarios folder");
        var loaded = ScenarioLoader.Load(path);
        if (!loaded.Ok) return Answers.Errors(StatusCodes.Status400BadRequest, Problems(loaded), null);
        var scenario = loaded.Scenario!;
        return Results.Json(new
        {
            file = name,
            name = scenario.Name,
            title = scenario.Title ?? scenario.Name,
            description = scenario.Description,
            rounds = scenario.Rounds,
            seed = scenario.Seed,
            parties = scenario.Parties.Select(p => new { id = p.Id, name = p.Name, agency = p.Id == scenario.Agency.Id }),
        }, Json);
    }

    /// <summary>classroom.md 1.1: every session the server holds, newest first, so a reload never loses one.</summary>
    private static IResult SessionList(ClassSessions sessions) => Results.Json(sessions.All.Select(s => new
    {
        session = s.Id,
        title = s.Scenario.Title ?? s.Scenario.Name,
        created = s.Created,
        groups = s.Groups.Count,
        concluded = s.Groups.All(g => sessions.HasConcluded(g.RunId)),
    }), Json);

    /// <summary>classroom.md 1.1: every seat of a session with its link, as JSON or (`?format=csv`) as CSV to hand out.</summary>
    private static IResult Seats(HttpContext http, ServeOptions options, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is not { } session) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        var root = LinkRoot(http, options);
        var seats = session.Groups.SelectMany(g => g.Seats.Select(s => new
        {
            group = g.Number,
            party = s.Party,
            partyName = session.Scenario.Party(s.Party).Name,
            code = s.Code,
            url = SeatUrl(root, s.Code),
            student = s.Student,
        })).ToList();
        if (http.Request.Query["format"] != "csv") return Results.Json(seats, Json);
        var csv = new StringBuilder("group,party,partyName,code,url,student\n");
        foreach (var s in seats)
            csv.Append(Csv.Line([s.group.ToString(System.Globalization.CultureInfo.InvariantCulture), s.party, s.partyName, s.code, s.url, s.student ?? ""])).Append('\n');
        return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<IResult> SessionAsync(ClassSessions sessions, string id) =>
        sessions.Session(id) is { } session
            ? Results.Json(await StatusAsync(sessions, session, minutes: 0), Json)
            : Errors(StatusCodes.Status404NotFound, $"no session `{id}`");

    /// <summary>
    /// The session as classroom.md gives it, and what the projector adds: the scenario's scripted world events
    /// (the instructor may bring one forward) and, when <paramref name="minutes"/> is above 0, each group's last
    /// lines of minutes in plain sentences.
    /// </summary>
    private static async Task<object> StatusAsync(ClassSessions sessions, ClassSession session, int minutes)
    {
        var groups = new List<object>();
        foreach (var group in session.Groups)
        {
            var (events, state) = await sessions.ReadAsync(group.RunId, CancellationToken.None);
            groups.Add(new
            {
                group = group.Number,
                runId = group.RunId,
                round = state.Round,
                concluded = state.Concluded,
                waitingFor = sessions.HasConcluded(group.RunId) ? [] : sessions.Desk.WaitingIn(group.RunId),
                // The room sees how each negotiation ended and the signed terms, never what they are worth to anyone.
                outcomes = state.IsOpened ? state.Outcomes().Select(o => o with { Utilities = null }).ToList() : [],
                failed = sessions.Failure(group.RunId),
                minutes = minutes > 0 ? MinutesOf(group.RunId, events).TakeLast(minutes).ToList() : null,
            });
        }
        return new
        {
            session = session.Id,
            scenario = session.Scenario.Name,
            title = session.Scenario.Title ?? session.Scenario.Name,
            paused = sessions.IsPaused(session),
            roundSeconds = session.RoundSeconds,
            groups,
            scripted = session.Scenario.Events.Select(e => new { e.Round, e.Text, e.Unlock, e.Lock, e.Set }),
            parties = session.Scenario.Parties.Select(p => p.Id),
            terms = session.Scenario.Terms.Select(t => new { term = t.Id, t.Options }),
        };
    }

    // The kept read of a run is the same list until the run changes: its minutes are written once per change.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<RunEvent>, IReadOnlyList<string>> Minutes = [];

    // The projector's minutes are the room's: what is public, nobody's worths (Hearing's rule).
    private static IReadOnlyList<string> MinutesOf(string runId, IReadOnlyList<RunEvent> events) =>
        Minutes.GetValue(events, e => PlainMinutes.Lines(runId, e, Audience.Room).Where(l => l.Length > 0).ToList());

    /// <summary>
    /// The instructor's desk (classroom.md 1.1): every group's whole minutes with every offer and its worth to both
    /// sides, on a page that says it is not for the room. It reloads itself every few seconds.
    /// </summary>
    private static async Task<IResult> DeskAsync(ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is not { } session) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        var html = new StringBuilder();
        var title = System.Net.WebUtility.HtmlEncode(session.Scenario.Title ?? session.Scenario.Name);
        html.Append($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\"><title>Instructor's desk: {title}</title>");
        html.Append("<link rel=\"stylesheet\" href=\"/assets/class.css\"></head><body><main>");
        html.Append($"<p class=\"warning\" role=\"alert\"><strong>Not for the room.</strong> This desk shows every offer and what it is worth to both sides: keep it off the projector.</p><h1>{title}: the instructor's desk</h1>");
        foreach (var group in session.Groups)
        {
            var (events, _) = await sessions.ReadAsync(group.RunId, CancellationToken.None);
            html.Append($"<section><h2>Group {group.Number}</h2><ol>");
            foreach (var line in PlainMinutes.Lines(group.RunId, events).Where(l => l.Length > 0))
                html.Append($"<li>{System.Net.WebUtility.HtmlEncode(line.Trim())}</li>");
            html.Append("</ol></section>");
        }
        return Results.Text(html.Append("</main></body></html>").ToString(), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The projector's live pushes as server-sent events: the session with each group's last minutes, now and
    /// whenever a group's seat is asked or answers, and at least every second for the groups nobody plays.
    /// </summary>
    private static Task ProjectorLiveAsync(HttpContext http, ClassSessions sessions, ClassSession session) =>
        StreamAsync(http,
            () => Task.WhenAny(session.Groups.Select(g => sessions.Desk.NextChange(g.RunId))),
            async () => JsonSerializer.Serialize(await StatusAsync(sessions, session, minutes: 30), Json),
            TimeSpan.FromSeconds(1),
            // Every seat asked in any group is a change: a busy class would have the whole session told again
            // dozens of times a second; four times is as fast as a room reads.
            atMostEvery: TimeSpan.FromMilliseconds(250));

    private static async Task<IResult> AdvanceAsync(HttpContext http, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is not { } session) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        int? only = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            if (await BodyAsync(http) is not { } body) return Malformed();
            only = Int(body, "group");
        }
        if (Selected(session, only) is not { } selected) return Errors(StatusCodes.Status404NotFound, $"no group {only} in session `{id}`");
        var advanced = new List<object>();
        foreach (var group in selected) advanced.Add(new { group = group.Number, parties = await sessions.AdvanceAsync(session, group, http.RequestAborted) });
        return Results.Json(new { advanced }, Json);
    }

    private static async Task<IResult> WorldAsync(HttpContext http, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is not { } session) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        if (await BodyAsync(http) is not { } body) return Malformed();
        var only = Int(body, "group");
        if (Selected(session, only) is not { } selected) return Errors(StatusCodes.Status404NotFound, $"no group {only} in session `{id}`");
        WorldEvent world;
        try
        {
            world = WorldJson.Read(body);
        }
        catch (MoveFormatException e)
        {
            return Errors(StatusCodes.Status400BadRequest, e.Message);
        }
        var announced = new List<object>();
        var refused = new List<string>();
        foreach (var group in selected)
        {
            var (round, reason) = await sessions.AnnounceAsync(group, world, http.RequestAborted);
            if (round is { } due) announced.Add(new { group = group.Number, round = due });
            else refused.Add($"group {group.Number}: {reason}");
        }
        return announced.Count == 0
            ? Answers.Errors(StatusCodes.Status422UnprocessableEntity, refused, null)
            : Results.Json(new { announced, refused }, Json);
    }

    // The group a call names (`"group": N`), or every group when it names none; null for a group the session lacks.
    private static IReadOnlyList<Group>? Selected(ClassSession session, int? only) =>
        only is null ? session.Groups : session.Groups.Where(g => g.Number == only).ToList() is { Count: > 0 } one ? one : null;

    /// <summary>A roster (issue 19): a CSV of names, one a line (a header `name` is skipped; a name's first field only).</summary>
    private static async Task<IResult> RosterAsync(HttpContext http, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is null) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        var names = text.Split('\n').Select(l => l.TrimEnd('\r')).Select(CsvFirstField).Where(n => n.Length > 0).ToList();
        if (names.Count > 0 && names[0].Equals("name", StringComparison.OrdinalIgnoreCase)) names.RemoveAt(0);
        var (session, problem) = sessions.SetRoster(id, names);
        if (problem is not null) return Errors(StatusCodes.Status400BadRequest, $"the roster: {problem}");
        return Results.Json(session!.Groups.SelectMany(g => g.Seats.Select(s => new { group = g.Number, party = s.Party, student = s.Student })), Json);
    }

    // A CSV line's first field, quotes undone: "Smith, Ada" stays one name.
    private static string CsvFirstField(string line)
    {
        line = line.Trim();
        if (!line.StartsWith('"')) return (line.Split(',')[0]).Trim();
        var name = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != '"') { name.Append(line[i]); continue; }
            if (i + 1 < line.Length && line[i + 1] == '"') { name.Append('"'); i++; continue; }
            break;
        }
        return name.ToString().Trim();
    }

    private static async Task<IResult> RoundTimeAsync(HttpContext http, ClassSessions sessions, string id)
    {
        if (sessions.Session(id) is null) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        if (await BodyAsync(http) is not { } body || !body.TryGetProperty("roundSeconds", out _)) return Errors(StatusCodes.Status400BadRequest, "give {\"roundSeconds\": N} (1 to 3600), or null for no timer");
        var seconds = Int(body, "roundSeconds");
        if (seconds is < 1 or > 3600) return Errors(StatusCodes.Status400BadRequest, "`roundSeconds`: from 1 to 3600, or null for no round timer");
        var changed = sessions.SetRoundTime(id, seconds)!;
        return Results.Json(new { session = id, roundSeconds = changed.RoundSeconds }, Json);
    }

    private static IResult Pause(ClassSessions sessions, string id, bool pause)
    {
        if (sessions.Session(id) is not { } session) return Errors(StatusCodes.Status404NotFound, $"no session `{id}`");
        sessions.Pause(session, pause);
        return Results.Json(new { session = id, paused = pause }, Json);
    }

    /// <summary>
    /// The seat's view pushed as server-sent events: the view now, then again each time it changes (a round stored,
    /// a seat asked or answered), checked at least every few seconds. The same payload as <c>GET /api/seats/{code}</c>.
    /// </summary>
    private static async Task LiveAsync(HttpContext http, ClassSessions sessions, string code)
    {
        if (sessions.SeatOf(code) is not var (_, group, seat))
        {
            await Errors(StatusCodes.Status404NotFound, "no seat with that code").ExecuteAsync(http);
            return;
        }
        await StreamAsync(http, () => sessions.Desk.NextChange(group.RunId, seat.Party), () => ViewJsonAsync(sessions, code), TimeSpan.FromSeconds(3));
    }

    /// <summary>
    /// Server-sent events: the payload now, then again each time it differs after a change (or the periodic
    /// check). A stream ends with its request, or when the server stops: it never holds a shutdown up.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, Func<Task> nextChange, Func<Task<string?>> payload, TimeSpan check, TimeSpan? atMostEvery = null)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = both.Token;
        string? sent = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var change = nextChange();
                if (await OrNull(payload) is { } json && json != sent)
                {
                    await http.Response.WriteAsync($"data: {json}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    sent = json;
                }
                await Task.WhenAny(change, Task.Delay(check, ct));
                if (atMostEvery is { } pause) await Task.Delay(pause, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // A payload that cannot be built now (a store that failed) is tried again at the next change, not the end of the stream.
    private static async Task<string?> OrNull(Func<Task<string?>> payload)
    {
        try
        {
            return await payload();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<string?> ViewJsonAsync(ClassSessions sessions, string code)
    {
        var result = await SeatAsync(sessions, code);
        return result is IValueHttpResult { Value: { } value } && result is IStatusCodeHttpResult { StatusCode: null or 200 }
            ? JsonSerializer.Serialize(value, Json)
            : null;
    }

    private static async Task<IResult> SeatAsync(ClassSessions sessions, string code)
    {
        if (sessions.SeatOf(code) is not var (session, group, seat)) return Errors(StatusCodes.Status404NotFound, "no seat with that code");
        if (await SnapshotAsync(sessions, group, seat) is not { } snapshot) return Errors(StatusCodes.Status503ServiceUnavailable, "the group's run is starting; try again");
        // The view the seat is asked on is the view it shows: both come from its actor's one snapshot.
        var view = SeatViews.Of(snapshot.Events, snapshot.State, seat.Party);
        var asked = snapshot.Taken ? null : snapshot.Asked;
        return Results.Json(new
        {
            session = session.Id,
            group = group.Number,
            runId = group.RunId,
            party = seat.Party,
            round = view.Round,
            concluded = view.Concluded,
            // classroom.md 1.1: while the session is paused no round closes and no round's time runs; the seat is told.
            paused = snapshot.Paused,
            brief = view.Brief,
            negotiations = view.Negotiations,
            @public = view.Public,
            allowed = view.Allowed,
            // The threat or designation the seat is asked to answer, with what each answer is worth to it (its own numbers).
            question = asked is Asked.ForAnswer answer ? SeatViews.QuestionFor(answer.Question) : null,
            // The round the seat has sent its moves for, while the others still decide it (issue 18: the page said
            // "Round 5 played" while the seat was in round 6).
            moved = snapshot.Moved,
            waiting = asked is null ? null : new
            {
                round = asked.Round,
                until = asked.Until,
                kind = asked switch
                {
                    Asked.ForAnswer { Question: Question.ThreatAnswer } => "answer_threat",
                    Asked.ForAnswer => "answer_designation",
                    _ => "moves",
                },
            },
        }, Json);
    }

    // A run just opened has stored nothing for a moment: the seat is asked again a few times before it is told so.
    private static async Task<SeatSnapshot?> SnapshotAsync(ClassSessions sessions, Group group, Seat seat)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await sessions.SeatAsync(group, seat, CancellationToken.None);
            if (snapshot is not null || attempt == 20) return snapshot;
            await Task.Delay(100);
        }
    }

    private static async Task<IResult> MovesAsync(HttpContext http, ClassSessions sessions, string code)
    {
        if (sessions.SeatOf(code) is not var (session, group, seat)) return Errors(StatusCodes.Status404NotFound, "no seat with that code");
        if (await BodyAsync(http) is not { } body) return Malformed();
        var round = Int(body, "round");
        if (!body.TryGetProperty("moves", out var list) || list.ValueKind != JsonValueKind.Array || round is null)
            return Errors(StatusCodes.Status400BadRequest, "give {\"round\": N, \"moves\": [MOVE, ...]}");
        var moves = new List<Move>();
        try
        {
            foreach (var item in list.EnumerateArray()) moves.Add(MoveJson.Read(item, seat.Party, seat.Party == session.Scenario.Agency.Id));
        }
        catch (MoveFormatException e)
        {
            return Errors(StatusCodes.Status400BadRequest, e.Message);
        }
        // The seat checks the moves on the view it is asked on, and holds them if they stand.
        var taken = await sessions.TakeAsync(group, seat, round.Value, moves, http.RequestAborted);
        return taken.Refused switch
        {
            null => Results.Json(new { taken = taken.Count }, Json, statusCode: StatusCodes.Status202Accepted),
            MovesRefused.NotASide foreign => Errors(StatusCodes.Status403Forbidden, foreign.Message),
            MovesRefused.OfferChanged changed => Answers.Errors(StatusCodes.Status409Conflict, [changed.Message], new Dictionary<string, object?> { ["standing"] = changed.Standing }),
            MovesRefused.Broken broken => Answers.Errors(StatusCodes.Status422UnprocessableEntity, broken.Errors, null),
            MovesRefused.NotAsked or MovesRefused.WrongRound => Errors(StatusCodes.Status409Conflict, taken.Refused.Message),
            _ => throw new InvalidOperationException("a refusal the API has no answer for"),
        };
    }

    private static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            // JSON may escape a lone surrogate ("\ud800") that no text can hold: refused here, once, not as a 500 later.
            if (!Readable(document.RootElement)) throw new WrongField("the body holds text that is not valid Unicode (a lone surrogate)");
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Readable(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Decodes(element.GetString),
        JsonValueKind.Object => element.EnumerateObject().All(p => Decodes(() => p.Name) && Readable(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(Readable),
        _ => true,
    };

    // Reading text a lone surrogate was escaped into throws: that is the test.
    private static bool Decodes(Func<string?> read)
    {
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A whole number the body may give; absent or null is null, anything else (text, 2.5, true) is a 400 naming the field.</summary>
    private static int? Int(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new WrongField($"`{name}` must be a whole number, not {Shown(value)}");
    }

    /// <summary>A list of texts the body may give (`humans`); absent is empty, anything else is a 400 naming the field.</summary>
    private static List<string> Texts(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw new WrongField($"`{name}` must be a list of texts, not {Shown(value)}");
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    /// <summary>A field of a request body with the wrong type: answered 400 with its name by the exception handler.</summary>
    private sealed class WrongField(string message) : Exception(message);

    private static IResult Malformed() => Errors(StatusCodes.Status400BadRequest, "the body is not a JSON object");

    private static IResult Errors(int status, string message) => Answers.Errors(status, message);
}
