using System.CommandLine;
using Negotiation.Classroom;

namespace Negotiation.Cli.Commands;

/// <summary>`negotiate brief FILE --party ID --out F.html`: a party's printable confidential role sheet.</summary>
internal static class BriefCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "the scenario file (YAML)" };
        var party = new Option<string>("--party") { Description = "the party whose sheet it is", Required = true };
        var @out = new Option<string>("--out") { Description = "the HTML file to write", Required = true };
        var command = new Command("brief", "a party's confidential role sheet for a class, as a printable HTML file") { file, party, @out };
        command.SetAction(async (parse, ct) =>
        {
            var scenario = Options.LoadScenario(parse.GetValue(file)!);
            var id = parse.GetValue(party)!;
            if (scenario.Parties.All(p => p.Id != id))
                throw new BadInputException($"--party {id}: the scenario's parties are {string.Join(", ", scenario.Parties.Select(p => p.Id))}");
            var path = parse.GetValue(@out)!;
            Options.CheckOut(path);
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, RoleSheet.Html(scenario, id), ct);
            File.Move(temp, path, overwrite: true);
            await cli.Output.WriteLineAsync($"role sheet for {id} written to {path}");
            return ExitCodes.Done;
        });
        return command;
    }
}
