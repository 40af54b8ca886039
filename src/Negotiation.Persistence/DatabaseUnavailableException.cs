namespace Negotiation.Persistence;

/// <summary>PostgreSQL could not be reached; the message is the one line a user needs.</summary>
public sealed class DatabaseUnavailableException(string host, int port, string reason)
    : Exception($"cannot reach PostgreSQL at {host}:{port} ({reason}); start it with `docker compose up -d`, or leave out --db and NEGOTIATION_DB to keep events in memory")
{
    public string Host { get; } = host;
    public int Port { get; } = port;
}
