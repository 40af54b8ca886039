using System.Net;
using System.Net.Sockets;

namespace Negotiation.Testing;

/// <summary>Ports for the servers and cluster nodes tests start on loopback.</summary>
public static class Ports
{
    /// <summary>A port on loopback that nothing listens on now (the system's choice): one per server or node.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
