using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// Generates the sources' data deterministically for a seed, in the exact formats of the sources contract: store A
/// rows (a SQL file and/or a MariaDB database), store B export files (UTF-8 <c>.json</c>, <c>.json.gz</c>, and an older
/// windows-1251 one), store B change events (NDJSON to replay, and/or a callback), the register sandbox's file, and the
/// expected outcome (<c>expected.json</c>) computed from the generator's ground truth. Streams everything: memory stays
/// well below a gigabyte at the real volume.
/// </summary>
public sealed class DataGenerator
{
    /// <summary>The file names in the output directory.</summary>
    public static class FileNames
    {
        public const string StoreASql = "storea.sql";
        public const string OldExport = "storeb-export-2025-12-31.cp1251.json";
        public const string ExportPart1 = "storeb-export-2026-09-30-part1.json";
        public const string ExportPart2 = "storeb-export-2026-09-30-part2.json.gz";
        public const string Events = "storeb-events.ndjson";
        public const string Register = "register.json";
        public const string Expected = "expected.json";
        public const string Manifest = "manifest.json";
    }

    /// <summary>The options <c>expected.json</c> and <c>manifest.json</c> are written with.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Assumptions =
    [
        "The export files are imported, oldest first, before the events are replayed (the events are the changes after the export).",
        "Store A updated_at values are UTC; every store A time is at least 26 hours from every store B time of the same company, so no time-zone reading changes which record is newer.",
        "The register sandbox serves register.json; every valid TIN the data uses is in it except those expected as rejected (register.not-found).",
        "A reject is one distinct (store, source record, field, reason, raw value), as the rejects store keys them; store A contacts whose company row is missing, deleted or has no valid TIN count once each as contact.no-company.",
        "Bitrix24 counts are entities at the end of a complete run: companies are never deleted, and no contact is ever withdrawn after it could have been pushed.",
    ];

    private readonly GeneratorOptions _options;

    public DataGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Companies < GeneratorScale.Minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Companies, $"The scale is at least {GeneratorScale.Minimum} companies.");
        }

        _options = options;
    }

    /// <summary>Generates; returns the expected outcome, the files and figures.</summary>
    public async Task<GenerationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var o = _options;
        var dir = o.OutputDirectory;
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var windows1251 = Windows1251();
        var plan = GenerationPlan.Create(o.Companies, o.Seed, o.SampleSize);
        var context = new GeneratorContext(o.Seed, plan.PoolSize);
        var ids = new StoreAIds(o.Seed);
        var factory = new EntityFactory(context, ids);
        var oracle = new Oracle();
        using var json = new StoreBJson();
        var rng = new Rng(o.Seed, 0x5EEDUL);
        var counts = new Counts();
        var events = new List<PendingEvent>(o.Companies / 5);

        using var oldExport = new ExportFileWriter(dir, FileNames.OldExport, GeneratorContext.OldExportAt, gzip: false, windows1251);
        using var part1 = new ExportFileWriter(dir, FileNames.ExportPart1, GeneratorContext.MainExportAt, gzip: false, encoding: null);
        using var part2 = new ExportFileWriter(dir, FileNames.ExportPart2, GeneratorContext.MainExportAt, gzip: true, encoding: null);
        using var register = new RegisterFileWriter(dir is null ? null : Path.Combine(dir, FileNames.Register));
        var sqlPath = dir is not null && o.WriteStoreASql ? Path.Combine(dir, FileNames.StoreASql) : null;
        await using var sql = sqlPath is null && o.StoreAConnectionString is null ? null : new StoreASqlWriter(sqlPath, o.StoreAConnectionString, o.ReplaceStoreA);
        if (sql is not null)
        {
            await sql.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var encoder = new StoreAEncoder(windows1251);
        long orphanStream = 0;
        for (var i = 0; i < plan.Layouts.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var entity = factory.Build(i, plan.Layouts[i], plan.Statuses[i], plan.Big[i]);

            // Store A.
            foreach (var row in entity.Rows)
            {
                await WriteCompanyAsync(row).ConfigureAwait(false);
                foreach (var contact in row.Contacts)
                {
                    await WriteContactAsync(contact, ofBadCompany: !row.Version.TinValid || row.Version.Deleted).ConfigureAwait(false);
                }
            }

            var gaps = ids.TakeGaps().Select(g => (int?)g).ToList();
            if (rng.Chance(0.002))
            {
                gaps.Add(null);
            }

            if (gaps.Count > 0)
            {
                counts.MissingIds += gaps.Count(g => g is not null);
                var orphans = factory.Orphans(orphanStream++, gaps);
                foreach (var orphan in orphans)
                {
                    if (orphan.CompanyId is null)
                    {
                        counts.ContactsWithoutCompany++;
                    }
                    else
                    {
                        counts.ContactsOfMissing++;
                    }

                    await WriteContactAsync(orphan, ofBadCompany: false).ConfigureAwait(false);
                }

                oracle.AddOrphans(orphans);
            }

            // Store B.
            foreach (var partner in entity.Partners)
            {
                counts.Partners++;
                counts.ContactRows += partner.Deliveries.SelectMany(d => d.Version.Contacts).Select(c => c.ContactId).Distinct(StringComparer.Ordinal).Count();
                foreach (var delivery in partner.Deliveries)
                {
                    var version = delivery.Version;
                    counts.ContactEntries += version.Contacts.Count;
                    if (delivery.Channel == Channel.Event)
                    {
                        var value = json.Event(partner.Id, version, idAtTop: version.EventId.ToByteArray()[0] % 8 == 0);
                        events.Add(new PendingEvent(delivery.DeliveredAt, events.Count, partner.Id, value, Json: true));
                        counts.CountEvent(delivery);
                        continue;
                    }

                    var writer = delivery.Channel switch
                    {
                        Channel.OldExport => oldExport,
                        Channel.ExportPart1 => part1,
                        _ => part2,
                    };
                    if (rng.Chance(0.001))
                    {
                        var (entry, code) = MalformedEntry(rng, json, partner.Id);
                        oracle.AddMalformedExportEntry(writer.Name, writer.Entries, code);
                        writer.AddMalformed(entry);
                    }

                    writer.AddPartner(dir is null ? default : json.Partner(partner.Id, version), version.Contacts.Count);
                }
            }

            if (entity.ValidTin)
            {
                register.Add(entity.Facts);
            }

            oracle.Add(entity, plan.Sample.Contains(i));
        }

        // Messages that are not valid events, and deletions of partners that never existed.
        var poison = Math.Max(12, (int)Math.Round(plan.Partners * 0.0015));
        for (var p = 0; p < poison; p++)
        {
            var key = rng.Chance(0.5)
                ? (10_000_000L + ((long)rng.Next(plan.Layouts.Length) * 4)).ToString("D10", CultureInfo.InvariantCulture)
                : (99_000_000L + p).ToString("D10", CultureInfo.InvariantCulture);
            var (value, isJson, code) = PoisonMessage(rng, json, key, p);
            oracle.AddPoisonMessage(key, value, code);
            events.Add(new PendingEvent(EntityFactory.Between(rng, GeneratorContext.EventsFrom, GeneratorContext.EventsTo), events.Count, key, value, isJson));
            counts.Poison++;
        }

        var unknownDeletes = Math.Max(1, (int)Math.Round(plan.Partners * 0.0002));
        for (var d = 0; d < unknownDeletes; d++)
        {
            var key = (98_000_000L + d).ToString("D10", CultureInfo.InvariantCulture);
            var time = EntityFactory.Millis(EntityFactory.Between(rng, GeneratorContext.EventsFrom, GeneratorContext.EventsTo));
            var deletion = new CompanyVersion { Store = Domain.Records.SourceStore.StoreB, SourceId = key, Time = time, Deleted = true, EventId = rng.NextGuid() };
            oracle.AddUnknownDelete(key);
            events.Add(new PendingEvent(time, events.Count, key, json.Event(key, deletion, idAtTop: false), Json: true));
            counts.Deleted++;
            counts.UnknownDeletes++;
        }

        // The event stream, in delivery order.
        events.Sort((a, b) => a.DeliveredAt != b.DeliveredAt ? a.DeliveredAt.CompareTo(b.DeliveredAt) : a.Sequence.CompareTo(b.Sequence));
        long eventBytes = 0;
        var eventsPath = dir is null ? null : Path.Combine(dir, FileNames.Events);
        await using (var eventFile = eventsPath is null ? null : new FileStream(eventsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var e in events)
            {
                var message = new GeneratedEvent(e.Key, e.Value);
                if (eventFile is not null)
                {
                    GeneratedEventFile.WriteLine(eventFile, message, e.Json);
                }

                if (o.OnEvent is not null)
                {
                    await o.OnEvent(message, cancellationToken).ConfigureAwait(false);
                }
            }

            if (eventFile is not null)
            {
                await eventFile.FlushAsync(cancellationToken).ConfigureAwait(false);
                eventBytes = eventFile.Length;
            }
        }

        if (sql is not null)
        {
            await sql.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        oldExport.Complete();
        part1.Complete();
        part2.Complete();
        register.Complete();

        var (bitrix24, companies, contacts, rejects, sample) = oracle.Finish();
        var exports = new[] { oldExport, part1, part2 }.Select(w => new ExportFileCounts
        {
            File = w.Name,
            Encoding = w.Encoding is null ? "utf-8" : "windows-1251",
            Gzip = w.Gzip,
            ExportedAt = w.ExportedAt,
            Partners = w.Partners,
            MalformedEntries = w.Malformed,
            ContactEntries = w.ContactEntries,
        }).ToList();
        var expected = new ExpectedOutcome
        {
            Seed = o.Seed,
            Scale = o.Companies,
            Bitrix24 = bitrix24,
            Companies = companies,
            Contacts = contacts,
            Rejects = rejects,
            Raw = new RawCounts
            {
                StoreA = new StoreARawCounts
                {
                    CompanyRows = counts.CompanyRows,
                    DeletedCompanyRows = counts.DeletedCompanyRows,
                    Utf8CompanyRows = counts.Utf8CompanyRows,
                    ContactRows = counts.ContactRowsA,
                    DeletedContactRows = counts.DeletedContactRows,
                    ContactsOfMissingCompanies = counts.ContactsOfMissing,
                    ContactsWithoutCompany = counts.ContactsWithoutCompany,
                    ContactsOfDeletedOrInvalidCompanies = counts.ContactsOfBad,
                    MissingCompanyIds = counts.MissingIds,
                },
                StoreB = new StoreBRawCounts
                {
                    Partners = counts.Partners,
                    ContactRows = counts.ContactRows,
                    ContactEntries = counts.ContactEntries,
                    ExportFiles = exports,
                    Events = new EventCounts
                    {
                        Messages = events.Count,
                        PartnerChanged = counts.Changed,
                        PartnerDeleted = counts.Deleted,
                        Duplicates = counts.Duplicates,
                        Stale = counts.Stale,
                        Poison = counts.Poison,
                        DeletesOfUnknownPartners = counts.UnknownDeletes,
                    },
                },
            },
            Register = new RegisterCounts
            {
                Units = register.Units,
                Tins = register.Tins,
                TinsByStatus = new SortedDictionary<string, int>(register.TinsByStatus.ToDictionary(), StringComparer.Ordinal),
                NotInRegister = register.NotInRegister,
            },
            Assumptions = Assumptions,
            Sample = sample,
        };

        var files = new List<GeneratedFile>();
        if (dir is not null)
        {
            if (sqlPath is not null)
            {
                files.Add(new GeneratedFile(sqlPath, "store-a-sql", new FileInfo(sqlPath).Length, counts.CompanyRows + counts.ContactRowsA, "utf-8", false));
            }

            foreach (var w in new[] { oldExport, part1, part2 })
            {
                files.Add(new GeneratedFile(w.Path!, "store-b-export", w.Bytes, w.Partners + w.Malformed, w.Encoding is null ? "utf-8" : "windows-1251", w.Gzip, w.ExportedAt));
            }

            files.Add(new GeneratedFile(eventsPath!, "store-b-events", eventBytes, events.Count, "utf-8", false));
            files.Add(new GeneratedFile(Path.Combine(dir, FileNames.Register), "register", register.Bytes, register.Units, "utf-8", false));
            var expectedPath = Path.Combine(dir, FileNames.Expected);
            await File.WriteAllBytesAsync(expectedPath, JsonSerializer.SerializeToUtf8Bytes(expected, Json), cancellationToken).ConfigureAwait(false);
            files.Add(new GeneratedFile(expectedPath, "expected", new FileInfo(expectedPath).Length, sample.Count, "utf-8", false));
            var manifest = new
            {
                format = "syncgrid-generated/1",
                seed = o.Seed,
                scale = o.Companies,
                files = files.Select(f => new { file = Path.GetFileName(f.Path), f.Kind, f.Bytes, f.Records, f.Encoding, f.Gzip, f.ExportedAt }),
            };
            await File.WriteAllBytesAsync(Path.Combine(dir, FileNames.Manifest), JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken).ConfigureAwait(false);
        }

        return new GenerationResult
        {
            Expected = expected,
            Files = files,
            Elapsed = clock.Elapsed,
            Utf8Fallbacks = encoder.Utf8Fallbacks,
        };

        async ValueTask WriteCompanyAsync(StoreARowRecord row)
        {
            counts.CompanyRows++;
            counts.DeletedCompanyRows += row.Version.Deleted ? 1 : 0;
            counts.Utf8CompanyRows += row.Utf8 ? 1 : 0;
            var written = encoder.Company(row);
            o.OnStoreACompany?.Invoke(written);
            if (sql is not null)
            {
                await sql.AddCompanyAsync(written, cancellationToken).ConfigureAwait(false);
            }
        }

        async ValueTask WriteContactAsync(StoreAContactRecord contact, bool ofBadCompany)
        {
            counts.ContactRowsA++;
            counts.DeletedContactRows += contact.Version.Deleted ? 1 : 0;
            counts.ContactsOfBad += ofBadCompany ? 1 : 0;
            var written = encoder.Contact(contact);
            o.OnStoreAContact?.Invoke(written);
            if (sql is not null)
            {
                await sql.AddContactAsync(written, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>windows-1251 that throws on a character it lacks, instead of writing "?".</summary>
    private static Encoding Windows1251()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static (byte[] Entry, string Code) MalformedEntry(Rng rng, StoreBJson json, string partnerId) => rng.Next(6) switch
    {
        0 => ("null"u8.ToArray(), "json.shape"),
        1 => ("42"u8.ToArray(), "json.shape"),
        2 => (Encoding.UTF8.GetBytes($"\"{partnerId}\""), "json.shape"),
        3 => ("[]"u8.ToArray(), "json.shape"),
        4 => (json.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("category", "ORGANIZATION");
            w.WriteString("name", "ООО \"Без номера\"");
            w.WriteEndObject();
        }), "partner.id-missing"),
        _ => (json.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("partnerId", "   ");
            w.WriteString("name", "АО \"Пустой ключ\"");
            w.WriteEndObject();
        }), "partner.id-missing"),
    };

    private static (byte[] Value, bool Json, string Code) PoisonMessage(Rng rng, StoreBJson json, string key, int n)
    {
        var id = rng.NextGuid().ToString("D");
        var time = Render.Time(EntityFactory.Between(rng, GeneratorContext.EventsFrom, GeneratorContext.EventsTo));
        var valid = json.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("eventId", id);
            w.WriteString("eventType", "PartnerChanged");
            w.WriteString("occurredAt", time);
            w.WriteStartObject("partner");
            w.WriteString("partnerId", key);
            w.WriteString("name", "ООО \"Сломанное событие\"");
            w.WriteStartObject("taxNumbers");
            w.WriteString("inn", "7707083893");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return (n % 13) switch
        {
            0 => (valid[..(valid.Length * 2 / 3)], false, "json.malformed"),
            1 => (Encoding.UTF8.GetBytes($"PartnerChanged;{key};{id};ООО Ромашка"), false, "json.malformed"),
            2 => (Windows1251Lossy(Encoding.UTF8.GetString(valid)), false, "json.malformed"),
            3 => (Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(valid) + "]"), true, "json.shape"),
            4 => (Encoding.UTF8.GetBytes($"\"{id}\""), true, "json.shape"),
            5 => (Replace(valid, "\"PartnerChanged\"", "\"PartnerMerged\""), true, "event.type"),
            6 => (Replace(valid, $"\"occurredAt\":\"{time}\",", string.Empty), true, "event.time"),
            7 => (Replace(valid, time, time.Replace("T", " ", StringComparison.Ordinal).TrimEnd('Z')), true, "event.time"),
            8 => (json.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("eventId", id);
                w.WriteString("eventType", "PartnerChanged");
                w.WriteString("occurredAt", time);
                w.WriteString("partner", key);
                w.WriteEndObject();
            }), true, "json.shape"),
            9 => (Replace(valid, $"\"partnerId\":\"{key}\",", string.Empty), true, "partner.id-missing"),
            10 => ([.. valid, .. valid], false, "json.malformed"),
            11 => (json.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("eventId", id);
                w.WriteString("eventType", "PartnerDeleted");
                w.WriteString("occurredAt", time);
                w.WriteEndObject();
            }), true, "partner.id-missing"),
            _ => ([], false, "json.malformed"),
        };
    }

    private static byte[] Replace(byte[] utf8, string what, string with) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8).Replace(what, with, StringComparison.Ordinal));

    private static byte[] Windows1251Lossy(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251).GetBytes(text);
    }

    private readonly record struct PendingEvent(DateTimeOffset DeliveredAt, int Sequence, string Key, byte[] Value, bool Json);

    private sealed class Counts
    {
        public int CompanyRows;
        public int DeletedCompanyRows;
        public int Utf8CompanyRows;
        public int ContactRowsA;
        public int DeletedContactRows;
        public int ContactsOfMissing;
        public int ContactsWithoutCompany;
        public int ContactsOfBad;
        public int MissingIds;
        public int Partners;
        public int ContactRows;
        public long ContactEntries;
        public int Changed;
        public int Deleted;
        public int Duplicates;
        public int Stale;
        public int Poison;
        public int UnknownDeletes;

        public void CountEvent(Delivery delivery)
        {
            if (delivery.Version.Deleted)
            {
                Deleted++;
            }
            else
            {
                Changed++;
            }

            Duplicates += delivery.Duplicate ? 1 : 0;
            Stale += delivery.Stale ? 1 : 0;
        }
    }
}
