using Microsoft.AspNetCore.Http;

namespace Negotiation.Classroom;

/// <summary>
/// Every error of the class server as problem details (RFC 9457, <c>application/problem+json</c>) that keep the
/// contract's <c>errors</c> list (classroom.md): <c>{"type", "title", "status", "errors": [reason, ...]}</c>, plus
/// any field a call adds (a 409's <c>standing</c> offer).
/// </summary>
public static class Answers
{
    public static IResult Errors(int status, params string[] reasons) => Errors(status, reasons, null);

    public static IResult Errors(int status, IEnumerable<object> errors, IDictionary<string, object?>? more)
    {
        var extensions = new Dictionary<string, object?> { ["errors"] = errors.ToList() };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>()) extensions[key] = value;
        return Results.Problem(statusCode: status, title: Title(status), extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request cannot be read",
        StatusCodes.Status401Unauthorized => "The instructor key is needed",
        StatusCodes.Status403Forbidden => "Not this seat's to do",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Not now",
        StatusCodes.Status413PayloadTooLarge => "The body is too large",
        StatusCodes.Status422UnprocessableEntity => "The rules refuse it",
        StatusCodes.Status429TooManyRequests => "Too many wrong keys",
        StatusCodes.Status503ServiceUnavailable => "Not ready yet",
        _ => "The server failed",
    };
}
