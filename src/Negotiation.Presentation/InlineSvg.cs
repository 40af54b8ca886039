using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Negotiation.Presentation;

/// <summary>
/// A ScottPlot chart as inline SVG for a self-contained page: no XML declaration, and a view box, so that with
/// <c>svg { max-width: 100%; height: auto }</c> it shrinks to a phone's width instead of overflowing it (issue 19).
/// </summary>
public static partial class InlineSvg
{
    public static string Of(Plot plot, int width, int height)
    {
        var svg = XmlDeclaration().Replace(plot.GetSvgXml(width, height), "");
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        return open < 0 ? svg : svg.Insert(open + 4, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\""));
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();
}
