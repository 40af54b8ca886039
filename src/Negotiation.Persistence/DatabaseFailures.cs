using Npgsql;

namespace Negotiation.Persistence;

/// <summary>
/// What a failure of the database is, and where the database was: the store's knowledge of its driver, so that the
/// edges (the CLI's one-line messages) need not reach Npgsql's types (issue 22).
/// </summary>
public static class DatabaseFailures
{
    /// <summary>Whether the failure, or one it wraps, is the database or the network to it failing.</summary>
    public static bool IsDatabaseFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException) return true;
        return false;
    }

    /// <summary>The first line of the driver's own words for the failure (its innermost database error), without a full stop.</summary>
    public static string FirstLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not NpgsqlException) inner = inner.InnerException;
        return inner.Message.Split('\n')[0].Trim().TrimEnd('.');
    }

    /// <summary>The database a connection string names: one the user can be told is unreachable.</summary>
    public static DatabaseUnavailableException Unavailable(string connectionString, string reason)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new DatabaseUnavailableException(builder.Host ?? "localhost", builder.Port, reason);
    }
}
