using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Negotiation.Classroom;

/// <summary>Marks an instructor route a browser opens from a link (a page, the projector's live stream): it may take the key as <c>?key=</c>.</summary>
public sealed class KeyInQuery;

/// <summary>
/// The instructor's key as ASP.NET Core authentication (issue 18): <c>Authorization: Bearer KEY</c>, or <c>?key=KEY</c>
/// on the routes marked <see cref="KeyInQuery"/> (pages opened from a link and <c>EventSource</c> cannot send a
/// header). Compared in constant time. Past <see cref="WrongKeys.Allowed"/> wrong keys in a minute from one address,
/// every key from it is refused with 429 until the minute ends, the right one too, or a guesser would learn which
/// was right (issue 23). Routes that need it call <c>RequireAuthorization</c>.
/// </summary>
public sealed class InstructorKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServeOptions serve)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "InstructorKey";

    private const string Locked = "negotiation.locked";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var from = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (serve.WrongKeys.Locked(from))
        {
            Context.Items[Locked] = true;
            return Task.FromResult(AuthenticateResult.Fail("too many wrong keys"));
        }
        var given = Request.Headers.Authorization.ToString();
        if (given.Length == 0 && Context.GetEndpoint()?.Metadata.GetMetadata<KeyInQuery>() is not null && Request.Query["key"].ToString() is { Length: > 0 } key)
            given = $"Bearer {key}";
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes($"Bearer {serve.InstructorKey}")))
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "instructor")], Name)), Name)));
        // A call without a key is no guess; a wrong key is counted.
        if (given.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        serve.WrongKeys.Failed(from);
        return Task.FromResult(AuthenticateResult.Fail("wrong instructor key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.Items.ContainsKey(Locked)
            ? Answers.Errors(StatusCodes.Status429TooManyRequests, $"too many wrong instructor keys from this address: wait {WrongKeys.Window.TotalSeconds:0} seconds").ExecuteAsync(Context)
            : Answers.Errors(StatusCodes.Status401Unauthorized, "this call needs the instructor key: Authorization: Bearer KEY").ExecuteAsync(Context);
}
