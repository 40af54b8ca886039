namespace Negotiation.Persistence;

/// <summary>PostgreSQL could not be reached; the message is the one line a user needs.</summary>
public sealed class DatabaseUnavailableException(string host, int port, string reason)
    : Exception($"cannot reach PostgreSQL at {host}:{port} ({reason}); start it with `docker compose up -d`, or leave out --db and NEGOTIATION_DB to keep runs in the local run store")
{
    public string Host { get; } = host;
    public int Port { get; } = port;
}

/// <summary>The role may not create the store's schema: the one line says which right is missing and how to get round it.</summary>
public sealed class DatabaseRightsException(string role, string database, string schema, string detail)
    : Exception($"the role `{role}` may not create the `{schema}` schema in database `{database}` ({detail}): ask the database administrator " +
                $"to GRANT CREATE ON DATABASE \"{database}\" TO \"{role}\", or to run the SQL that `negotiate db script --role {role}` prints");
