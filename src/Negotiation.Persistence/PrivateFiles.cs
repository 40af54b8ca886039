namespace Negotiation.Persistence;

/// <summary>
/// Files that hold a run's private numbers or a session's seat codes are created readable by their owner only
/// (0600, in folders of 0700), not by everyone on the machine (issue 23: they were 0644).
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder = File | UnixFileMode.UserExecute;

    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 };
        if (!OperatingSystem.IsWindows() && mode is FileMode.OpenOrCreate or FileMode.Create or FileMode.CreateNew) options.UnixCreateMode = File;
        return options;
    }

    /// <summary>The whole text into a new private file (a temporary one, renamed over its target by the caller).</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = new FileStream(path, Options(FileMode.Create, FileAccess.Write, FileShare.None));
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, Folder);
    }
}
