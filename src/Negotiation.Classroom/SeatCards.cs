using System.Net;
using System.Text;
using QRCoder;

namespace Negotiation.Classroom;

/// <summary>
/// classroom.md 1.1, handing out seats: one printable card per seat (its group, its party by name, its link and a
/// QR code of the link, drawn by QRCoder), to cut and hand out. For the instructor only: the links are the seats.
/// </summary>
public static class SeatCards
{
    public static string Html(ClassSession session, string root)
    {
        var title = WebUtility.HtmlEncode(session.Scenario.Title ?? session.Scenario.Name);
        var html = new StringBuilder();
        html.Append($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Seat cards: {title}</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:1rem}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:0.5rem}")
            .Append(".card{border:1px dashed #555;padding:0.6rem;break-inside:avoid;page-break-inside:avoid}.card img{width:10rem;height:10rem;display:block}")
            .Append(".card a{word-break:break-all;font-size:0.8rem}@media print{.noprint{display:none}}</style></head><body>")
            .Append($"<h1>{title}: seat cards</h1><p class=\"noprint\">Print this page and cut along the dashed lines: each card is one seat. Anyone with a card's link or code plays that seat.</p><main class=\"cards\">");
        using var generator = new QRCodeGenerator();
        foreach (var group in session.Groups)
            foreach (var seat in group.Seats)
            {
                var url = ClassServer.SeatUrl(root, seat.Code);
                using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
                var png = Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
                var party = WebUtility.HtmlEncode(session.Scenario.Party(seat.Party).Name);
                html.Append($"<section class=\"card\"><h2>Group {group.Number}: {party}</h2>")
                    .Append(seat.Student is { } student ? $"<p class=\"student\">For <strong>{WebUtility.HtmlEncode(student)}</strong></p>" : "")
                    .Append($"<img alt=\"QR code of the link to the seat of {party} in group {group.Number}\" src=\"data:image/png;base64,{png}\">")
                    .Append($"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p></section>");
            }
        return html.Append("</main></body></html>").ToString();
    }
}
