using Negotiation.Core.Reports;
using Parquet;
using Parquet.Schema;

namespace Negotiation.Cli.Rendering;

/// <summary>Where the rows of a sweep's table go as runs finish: a CSV file, a Parquet file, or both.</summary>
internal interface ITableFile : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken ct);
}

/// <summary>The table as CSV (RFC 4180 quoting), a line per row, the header first.</summary>
internal sealed class CsvTableFile : ITableFile
{
    private readonly StreamWriter _writer;

    private CsvTableFile(StreamWriter writer) => _writer = writer;

    public static async Task<CsvTableFile> CreateAsync(string path, IReadOnlyList<SweepColumn> columns)
    {
        var file = new CsvTableFile(new StreamWriter(path));
        await file._writer.WriteLineAsync(Csv.Line(columns.Select(c => c.Name)));
        return file;
    }

    public async Task WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        foreach (var row in rows) await _writer.WriteLineAsync(Csv.Line(row.Select(SweepTable.Text)));
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>
/// The table as Parquet (Parquet.Net): the same columns, typed (text, 32-bit integers, doubles; every column may
/// be null), rows gathered into row groups of up to 65,536 so that memory stays flat however many runs.
/// </summary>
internal sealed class ParquetTableFile : ITableFile
{
    private const int RowGroup = 65_536;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly IReadOnlyList<SweepColumn> _columns;
    private readonly DataField[] _fields;
    private readonly List<object?[]> _pending = [];

    private ParquetTableFile(FileStream stream, ParquetWriter writer, IReadOnlyList<SweepColumn> columns, DataField[] fields) =>
        (_stream, _writer, _columns, _fields) = (stream, writer, columns, fields);

    public static async Task<ParquetTableFile> CreateAsync(string path, IReadOnlyList<SweepColumn> columns, CancellationToken ct)
    {
        var fields = columns.Select(c => c.Kind switch
        {
            ColumnKind.Integer => (DataField)new DataField<int?>(c.Name),
            ColumnKind.Number => new DataField<double?>(c.Name),
            _ => new DataField<string>(c.Name, nullable: true),
        }).ToArray();
        var stream = File.Create(path);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: ct);
        return new ParquetTableFile(stream, writer, columns, fields);
    }

    public async Task WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        _pending.AddRange(rows);
        if (_pending.Count >= RowGroup) await FlushAsync(ct);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        using (var group = _writer.CreateRowGroup())
        {
            for (var c = 0; c < _columns.Count; c++)
            {
                var column = c;
                switch (_columns[c].Kind)
                {
                    case ColumnKind.Integer:
                        await group.WriteAsync<int>(_fields[c], _pending.Select(r => (int?)r[column]).ToArray(), cancellationToken: ct);
                        break;
                    case ColumnKind.Number:
                        await group.WriteAsync<double>(_fields[c], _pending.Select(r => r[column] is double d ? d : (double?)null).ToArray(), cancellationToken: ct);
                        break;
                    default:
                        await group.WriteAsync(_fields[c], _pending.Select(r => r[column] is null ? null! : SweepTable.Text(r[column])).ToArray());
                        break;
                }
            }
        }
        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
