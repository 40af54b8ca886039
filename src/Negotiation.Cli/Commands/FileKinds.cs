using Tmds.Linux;

namespace Negotiation.Cli.Commands;

/// <summary>What kind of thing a path names, where .NET cannot tell a regular file from a device or a pipe.</summary>
internal static class FileKinds
{
    /// <summary>The path exists and is not a regular file (a device, a named pipe, a socket); on Linux only, by stat(2).</summary>
    public static unsafe bool IsSpecial(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        stat status;
        int found;
        fixed (byte* p = name) found = LibC.stat(p, &status);
        return found == 0 && !LibC.S_ISREG(status.st_mode) && !LibC.S_ISDIR(status.st_mode);
    }
}
