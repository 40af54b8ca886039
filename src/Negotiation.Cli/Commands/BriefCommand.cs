using System.CommandLine;
using Negotiation.Presentation;

namespace Negotiation.Cli.Commands;

/// <summary>`negotiate brief FILE --party ID --out F.html`: a party's printable confidential role sheet.</summary>
internal static class BriefCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("FILE") { Description = "the scenario file (YAML)" };
        var party = new Option<string?>("--party") { Description = "the party whose confidential sheet it is" };
        var instructor = new Option<bool>("--instructor") { Description = "the instructor's teaching note instead: the file's header comments and every party's numbers" };
        var @out = new Option<string>("--out") { Description = "the HTML file to write", Required = true };
        var command = new Command("brief", "a party's confidential role sheet, or the instructor's teaching note, as a printable HTML file") { file, party, instructor, @out };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var scenario = Options.LoadScenario(path);
            var id = parse.GetValue(party);
            var teacher = parse.GetValue(instructor);
            if ((id is null) == !teacher) throw new BadInputException("give --party ID for a role sheet, or --instructor for the teaching note");
            if (id is not null && scenario.Parties.All(p => p.Id != id))
                throw new BadInputException($"--party {id}: the scenario's parties are {string.Join(", ", scenario.Parties.Select(p => p.Id))}");
            var target = parse.GetValue(@out)!;
            Options.CheckOut(target);
            var temp = target + ".tmp";
            await File.WriteAllTextAsync(temp, id is null ? RoleSheet.TeachingNote(scenario, RoleSheet.Note(await File.ReadAllTextAsync(path, ct))) : RoleSheet.Html(scenario, id), ct);
            File.Move(temp, target, overwrite: true);
            await cli.Output.WriteLineAsync(id is null ? $"teaching note written to {target}" : $"role sheet for {id} written to {target}");
            return ExitCodes.Done;
        });
        return command;
    }
}
