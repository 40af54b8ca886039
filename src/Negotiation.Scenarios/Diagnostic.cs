namespace Negotiation.Scenarios;

/// <summary>One problem in a scenario file, printed as <c>FILE:LINE:COLUMN: error: WHAT</c>.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: error: {Message}";
}
