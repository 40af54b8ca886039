namespace Negotiation.Cli;

/// <summary>The exit codes of cli.md.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int DifferenceOrFailure = 1;
    public const int BadInput = 2;
    public const int DatabaseUnreachable = 3;
}

/// <summary>Bad input the user can fix: printed as is, exit 2.</summary>
public sealed class BadInputException(string message) : Exception(message);
