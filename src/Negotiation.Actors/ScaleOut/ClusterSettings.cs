using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Negotiation.Actors.ScaleOut;

/// <summary>Where a member of the cluster is, and where it finds the others (cli.md 1.2, *Scale-out*).</summary>
/// <param name="SeedNodes">the members a new one joins through; a seed node lists itself among them</param>
/// <param name="Host">the address the others reach this member at</param>
/// <param name="Port">its port; 0 picks a free one (a sweep's coordinator needs no fixed port)</param>
public sealed record ClusterSettings(IReadOnlyList<DnsEndPoint> SeedNodes, string Host, int Port)
{
    /// <summary>Every member's actor system is called this: a seed node's address names it.</summary>
    public const string SystemName = "negotiation";

    /// <summary>Where the member listens: its loopback address when that is where it is reached, else every interface.</summary>
    public string BindHost => IsLoopback(Host) ? Host : "0.0.0.0";

    /// <summary>Whether the port is free to listen on (no other node, or other program, holds it).</summary>
    public bool PortIsFree()
    {
        if (Port == 0) return true;
        try
        {
            var address = IPAddress.TryParse(BindHost, out var ip) ? ip : IPAddress.Loopback;
            using var listener = new TcpListener(address, Port) { ExclusiveAddressUse = true };
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public IReadOnlyList<string> SeedAddresses => SeedNodes.Select(s => $"akka.tcp://{SystemName}@{s.Host}:{s.Port}").ToList();

    /// <summary>
    /// A seed list <c>HOST:PORT,…</c>, or why it is not one. The host this member is reached at, unless given:
    /// the loopback address when every seed is on loopback (one machine), else this machine's own address
    /// (in a container, the one its name resolves to).
    /// </summary>
    public static ClusterSettings Parse(string seeds, string? host, int port, out string? problem)
    {
        problem = null;
        var nodes = new List<DnsEndPoint>();
        foreach (var part in seeds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part[(colon + 1)..], out var p) || p is < 1 or > 65535)
            {
                problem = $"{part}: expected HOST:PORT, such as 127.0.0.1:4053";
                return new ClusterSettings([], "", 0);
            }
            nodes.Add(new DnsEndPoint(part[..colon].Trim('[', ']'), p));
        }
        if (nodes.Count == 0) problem = "no seed node: give HOST:PORT,…";
        if (port is < 0 or > 65535) problem = $"port {port}: from 1 to 65535";
        return new ClusterSettings(nodes, string.IsNullOrWhiteSpace(host) ? OwnHost(nodes) : host.Trim(), port);
    }

    /// <summary>Loopback when that is where the seeds are, else the machine's own address.</summary>
    internal static string OwnHost(IReadOnlyList<DnsEndPoint> seeds)
    {
        if (seeds.All(s => IsLoopback(s.Host))) return "127.0.0.1";
        try
        {
            var named = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
            if (named is not null) return named.ToString();
        }
        catch (SocketException)
        {
            // No name service: the interfaces say.
        }
        var any = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return any?.ToString() ?? Dns.GetHostName();
    }

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
