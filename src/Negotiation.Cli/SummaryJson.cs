using System.Text.Json;
using System.Text.Json.Serialization;
using Negotiation.Core.Reports;

namespace Negotiation.Cli;

/// <summary>The <c>--json</c> summary exactly as cli.md shows it: terms in the scenario's order, kebab-case values.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static string Serialize(SweepSummary sweep) => JsonSerializer.Serialize(sweep, Options);

    /// <summary>
    /// A sweep's summary written as it is serialized, in chunks: its seeds are listed one by one, and a sweep of a
    /// million seeds would otherwise hold the whole text at once (issue 24).
    /// </summary>
    public static async Task WriteAsync(TextWriter output, SweepSummary sweep, CancellationToken ct)
    {
        await using var stream = new TextWriterStream(output);
        await JsonSerializer.SerializeAsync(stream, sweep, Options, ct);
    }

    // UTF-8 bytes to a text writer, a character split across two writes decoded whole.
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder _decoder = new System.Text.UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> bytes)
        {
            var count = Decode(bytes);
            writer.Write(_chars, 0, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
        {
            var count = Decode(bytes.Span);
            await writer.WriteAsync(_chars.AsMemory(0, count), ct);
        }

        // The bytes as characters in _chars (grown first if need be, so read _chars after this); how many.
        private int Decode(ReadOnlySpan<byte> bytes)
        {
            var needed = _decoder.GetCharCount(bytes, flush: false);
            if (needed > _chars.Length) _chars = new char[needed];
            return _decoder.GetChars(bytes, _chars, flush: false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override void Flush() => writer.Flush();

        public override Task FlushAsync(CancellationToken ct) => writer.FlushAsync(ct);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
