using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyncGrid.Domain.Identifiers;

namespace SyncGrid.Cli.Bench;

/// <summary>
/// Writes a store B full export of a given size, streamed: partners shaped like the SAP CRM ones (Cyrillic names and
/// addresses, several phones, e-mails and bank accounts) with three to six contacts each, 2 % repeated partners and
/// one malformed partner in 20,000. Deterministic for a seed.
/// </summary>
internal static class SyntheticExport
{
    private static readonly string[] Forms = ["ООО", "АО", "ПАО", "ЗАО", "ИП"];
    private static readonly string[] Words = ["Ромашка", "Вектор", "Альфа", "Сибирь", "Технологии", "Строй", "Торговый дом", "Северный ветер", "Ёлка", "Меридиан", "Гранит", "Промсервис"];
    private static readonly string[] Cities = ["г. Москва", "г. Санкт-Петербург", "г. Казань", "г. Новосибирск", "г. Екатеринбург"];
    private static readonly string[] Streets = ["ул. Вавилова", "ул. Ленина", "пр-т Мира", "Невский пр.", "ул. Гагарина"];
    private static readonly string[] LastNames = ["Иванов", "Петрова", "Сидоров", "Кузнецова", "Смирнов", "Попова", "Волков", "Соколова"];
    private static readonly string[] FirstNames = ["Иван", "Анна", "Пётр", "Мария", "Сергей", "Ольга", "Алексей", "Елена"];
    private static readonly string[] MiddleNames = ["Иванович", "Петровна", "Сергеевич", "Алексеевна", ""];
    private static readonly string[] Positions = ["бухгалтер", "генеральный директор", "менеджер по закупкам", "главный инженер", "юрист"];
    private static readonly string[] Biks = ["044525225", "044525974", "044030653", "045004641", "046577674"];

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Writes at least <paramref name="targetBytes"/> of JSON (before compression) to <paramref name="path"/>; gzip when it ends in .gz.</summary>
    public static async Task<SyntheticExportStats> WriteAsync(string path, long targetBytes, int seed, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : (Stream)file;
            var counter = new CountingWriteStream(output);
            long partners = 0, contacts = 0, malformed = 0, repeated = 0;
            await using (output == file ? null : output)
            {
                await using var writer = new Utf8JsonWriter(counter, Options);
                writer.WriteStartObject();
                writer.WriteString("exportedAt", "2026-09-30T23:00:00Z");
                writer.WriteString("source", "sapcrm");
                writer.WriteStartArray("partners");
                while (counter.Written + writer.BytesPending < targetBytes)
                {
                    for (var i = 0; i < 1000; i++, partners++)
                    {
                        if (partners % 20_000 == 19_999)
                        {
                            malformed++;
                            writer.WriteRawValue(partners % 40_000 == 19_999 ? "[\"not a partner\"]" : "{\"name\":\"без partnerId\"}", skipInputValidation: true);
                            continue;
                        }

                        // A repeat is an earlier partner again: its id, its content from the same seed.
                        var id = random.Next(50) == 0 && partners > 1000 ? partners - random.Next(1, 1000) : partners;
                        repeated += id == partners ? 0 : 1;
                        contacts += WritePartner(writer, id);
                    }

                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new SyntheticExportStats(partners, contacts, malformed, repeated, counter.Written, file.Length, watch.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Writes partner <paramref name="id"/> (its content depends only on the id) and returns its contact count.</summary>
    private static int WritePartner(Utf8JsonWriter writer, long id)
    {
        var random = new Random(unchecked((int)id * 7919 + 17));
        var body = (100_000_000 + (id % 899_999_999)).ToString(CultureInfo.InvariantCulture);
        var tin = Tin.FromBody(body).Value;
        var partnerId = "00" + (10_000_000 + id).ToString(CultureInfo.InvariantCulture);
        writer.WriteStartObject();
        writer.WriteString("partnerId", partnerId);
        writer.WriteString("category", "ORGANIZATION");
        writer.WriteString("name", $"{Pick(random, Forms)}  \"{Pick(random, Words)} {Pick(random, Words)}\"");
        writer.WriteStartObject("taxNumbers");
        writer.WriteString("inn", random.Next(10) == 0 ? $" {tin[..4]} {tin[4..]} " : tin);
        writer.WriteString("kpp", tin[..4] + "01001");
        writer.WriteString("ogrn", "10277" + random.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteString("legalAddress", $"{random.Next(100_000, 199_999)}, {Pick(random, Cities)}, {Pick(random, Streets)}, д. {random.Next(1, 200)}, офис {random.Next(1, 900)}");
        writer.WriteStartArray("phones");
        for (var p = random.Next(1, 3); p > 0; p--)
        {
            writer.WriteStartObject();
            writer.WriteString("number", $"8 ({random.Next(300, 999)}) {random.Next(100, 999)}-{random.Next(10, 99)}-{random.Next(10, 99)}");
            writer.WriteString("type", p == 1 ? "WORK" : "FAX");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("emails");
        writer.WriteStringValue($"info@company{id}.example.ru");
        if (random.Next(3) == 0)
        {
            writer.WriteStringValue($"buh@company{id}.example.ru");
        }

        writer.WriteEndArray();
        writer.WriteStartArray("bankAccounts");
        for (var b = random.Next(1, 3); b > 0; b--)
        {
            writer.WriteStartObject();
            writer.WriteString("bik", Pick(random, Biks));
            writer.WriteString("account", "40702810" + random.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("bankName", "ПАО Сбербанк");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var contacts = random.Next(3, 7);
        writer.WriteStartArray("contacts");
        for (var c = 0; c < contacts; c++)
        {
            var last = Pick(random, LastNames);
            writer.WriteStartObject();
            writer.WriteString("contactId", $"C-{id}-{c}");
            writer.WriteString("lastName", last);
            writer.WriteString("firstName", Pick(random, FirstNames));
            writer.WriteString("middleName", Pick(random, MiddleNames));
            writer.WriteString("position", Pick(random, Positions));
            writer.WriteStartArray("phones");
            writer.WriteStringValue($"+7 9{random.Next(10, 99)} {random.Next(100, 999)}-{random.Next(10, 99)}-{random.Next(10, 99)}{(random.Next(5) == 0 ? " доб. " + random.Next(10, 999).ToString(CultureInfo.InvariantCulture) : string.Empty)}");
            writer.WriteEndArray();
            writer.WriteStartArray("emails");
            writer.WriteStringValue($"{c}.contact{id}@company{id}.example.ru");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return contacts;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>A write-only pass-through that counts the bytes written (the JSON size before compression).</summary>
    private sealed class CountingWriteStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>What <see cref="SyntheticExport"/> wrote.</summary>
internal sealed record SyntheticExportStats(long Partners, long Contacts, long Malformed, long Repeated, long JsonBytes, long FileBytes, double Seconds);
