using System.Text;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;
using SyncGrid.Sources.StoreA;
using static SyncGrid.Grains.Tests.Ingest.StoreARows;

namespace SyncGrid.Grains.Tests.Ingest;

public class StoreARowIngestGrainTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public async Task IngestAsync_Cp1251AndUtf8Rows_MergedUnderTheirTin()
    {
        var tin = Sample.NewTin();
        var legacy = Company(NewId(), $"ИНН {tin}", 0, "ООО «Ромашка»");
        var modern = Company(NewId(), tin, 1, nameBytes: Encoding.UTF8.GetBytes("ООО «Ромашка-Новая»"));

        var first = await Ingest(legacy);
        await Ingest(modern);

        Assert.Equal(1, first.RecordsApplied);
        var company = await State(tin);
        Assert.Equal("ООО \"Ромашка-Новая\"", company.Merged!.Name!.Value.Display);
        Assert.Equal([$"store-a:{legacy.Key}", $"store-a:{modern.Key}"], company.Merged.Sources.Select(s => s.Key.ToString()).Order());
        Assert.Equal(tin, await Grain(legacy).GetLastTinAsync());
    }

    [Fact]
    public async Task IngestAsync_SameVersionTwice_SecondWritesNothing()
    {
        var tin = Sample.NewTin();
        var row = Company(NewId(), tin, 0);
        var contact = Contact(NewId(), row.Id, 0, Of(row), $"twice.{tin}@example.ru");
        await Ingest(row);
        await Ingest(contact);

        var again = (await Ingest(row)).Add(await Ingest(contact));

        Assert.Equal(0, again.StateWrites);
        Assert.Equal(0, again.RecordsApplied);
    }

    [Fact]
    public async Task IngestAsync_SoftDeletedCompany_WithdrawsItAndItsContacts_OtherSourcesStay()
    {
        var tin = Sample.NewTin();
        await grid.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(Sample.Submission([Sample.Company(tin, Sample.B("p-" + tin, 0), "ООО «Из SAP»")]));
        var row = Company(NewId(), tin, 5, "ООО «Из базы А»");
        var email = $"deleted.{tin}@example.ru";
        await Ingest(row);
        await Ingest(Contact(NewId(), row.Id, 5, Of(row), email));
        Assert.Equal("ООО \"Из базы А\"", (await State(tin)).Merged!.Name!.Value.Display);

        await Ingest(row with { UpdatedAt = At(6), IsDeleted = true });

        var company = await State(tin);
        Assert.Equal("ООО \"Из SAP\"", company.Merged!.Name!.Value.Display);
        Assert.Equal(["store-b:p-" + tin], company.Merged.Sources.Select(s => s.Key.ToString()));
        Assert.Empty(company.Contacts);
        Assert.Null((await Person(email)).Merged);
        Assert.Null(await Grain(row).GetLastTinAsync());
    }

    [Fact]
    public async Task IngestAsync_InnChanges_WithdrawnFromTheOldCompany()
    {
        var (oldTin, newTin) = (Sample.NewTin(), Sample.NewTin());
        var row = Company(NewId(), oldTin, 0);
        await Ingest(row);

        await Ingest(row with { Inn = Cp1251(newTin), UpdatedAt = At(1) });

        var old = await State(oldTin);
        Assert.Null(old.Merged);
        Assert.Equal(CompanySyncStatus.Withdrawn, old.Status);
        Assert.Equal([$"store-a:{row.Key}"], (await State(newTin)).Merged!.Sources.Select(s => s.Key.ToString()));
        Assert.Equal(newTin, await Grain(row).GetLastTinAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IngestAsync_CompanyMovesToAnotherTin_ItsContactFollows_InEitherOrder(bool companyFirst)
    {
        var (oldTin, newTin) = (Sample.NewTin(), Sample.NewTin());
        var company = Company(NewId(), oldTin, 0);
        var email = $"follower.{oldTin}@example.ru";
        var contact = Contact(NewId(), company.Id, 0, Of(company), email);
        await Ingest(company);
        await Ingest(contact);

        // The company's inn changes; the coordinator republishes its contact, read with the company's new row.
        var moved = company with { Inn = Cp1251(newTin), UpdatedAt = At(3) };
        var republished = contact with { Company = Of(moved) };
        if (companyFirst)
        {
            await Ingest(moved);
            await Ingest(republished);
        }
        else
        {
            await Ingest(republished);
            await Ingest(moved);
        }

        var person = await Person(email);
        Assert.Equal([newTin], person.Merged!.Companies.Select(t => t.Value));
        Assert.Equal([$"email:{email}"], (await State(newTin)).Contacts.Select(c => c.Value));
        Assert.Empty((await State(oldTin)).Contacts);
        Assert.Equal(newTin, await Grain(contact).GetLastTinAsync());
    }

    [Fact]
    public async Task IngestAsync_ContactMovedAway_ThenItsOldCompanyDeleted_ContactStaysWhereItIs()
    {
        var (tinA, tinB) = (Sample.NewTin(), Sample.NewTin());
        var a = Company(NewId(), tinA, 0);
        var b = Company(NewId(), tinB, 0);
        var email = $"mover.{tinA}@example.ru";
        var contact = Contact(NewId(), a.Id, 0, Of(a), email);
        await Ingest(a);
        await Ingest(b);
        await Ingest(contact);

        await Ingest(contact with { CompanyId = b.Id, Company = Of(b), UpdatedAt = At(1) });
        await Ingest(a with { Name = Cp1251("ООО «Ромашка и Ко»"), UpdatedAt = At(2) });
        await Ingest(a with { UpdatedAt = At(3), IsDeleted = true });

        Assert.Equal([tinB], (await Person(email)).Merged!.Companies.Select(t => t.Value));
        Assert.Empty((await State(tinA)).Contacts);
        Assert.Equal([$"email:{email}"], (await State(tinB)).Contacts.Select(c => c.Value));
    }

    [Fact]
    public async Task IngestAsync_OrphanContact_RejectedWithItsPosition_NothingSubmitted()
    {
        var contact = Contact(NewId(), 987_654, 0, company: null, "orphan@example.ru");

        var result = await Ingest(contact);

        Assert.Equal(SubmitResult.None, result);
        var row = Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreA, StoreARejectCodes.ContactNoCompany, contact.Key)));
        Assert.Equal($"{contact.Key}@2026-10-01T09:00:00.000000", row.Entry.SourcePosition);
        Assert.Equal("company_id", row.Entry.Field);
        Assert.Equal("987654", row.Entry.RawValue);
        Assert.Null(await Grain(contact).GetLastTinAsync());
    }

    [Fact]
    public async Task IngestAsync_ContactsCompanyDeleted_ContactWithdrawnAndRejected()
    {
        var tin = Sample.NewTin();
        var company = Company(NewId(), tin, 0);
        var email = $"orphaned.{tin}@example.ru";
        var contact = Contact(NewId(), company.Id, 0, Of(company), email);
        await Ingest(contact);
        Assert.Equal([tin], (await Person(email)).Merged!.Companies.Select(t => t.Value));

        await Ingest(contact with { Company = Of(company with { IsDeleted = true, UpdatedAt = At(1) }) });

        Assert.Null((await Person(email)).Merged);
        Assert.Empty((await State(tin)).Contacts);
        var reject = Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreA, StoreARejectCodes.ContactNoCompany, contact.Key)));
        Assert.Contains("deleted", reject.Entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_DeletedContact_WithdrawnFromItsCompany()
    {
        var tin = Sample.NewTin();
        var company = Company(NewId(), tin, 0);
        var email = $"gone.{tin}@example.ru";
        var contact = Contact(NewId(), company.Id, 0, Of(company), email);
        await Ingest(company);
        await Ingest(contact);

        await Ingest(contact with { UpdatedAt = At(1), IsDeleted = true });

        Assert.Null((await Person(email)).Merged);
        Assert.Empty((await State(tin)).Contacts);
        Assert.NotNull((await State(tin)).Merged);
    }

    [Fact]
    public async Task IngestAsync_BadEncoding_ValueRejectedWithPosition_RestDelivered()
    {
        var tin = Sample.NewTin();
        var row = Company(NewId(), tin, 0, nameBytes: [0xCE, 0xCE, 0xCE, 0x20, 0x98, 0x01]);

        var result = await Ingest(row);

        Assert.Equal(1, result.RecordsApplied);
        Assert.NotNull((await State(tin)).Merged);
        var reject = Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreA, StoreARejectCodes.TextEncoding, row.Key)));
        Assert.Equal($"{row.Key}@2026-10-01T09:00:00.000000", reject.Entry.SourcePosition);
        Assert.Equal("name", reject.Entry.Field);
        Assert.Equal("base64:zs7OIJgB", reject.Entry.RawValue);
    }

    [Theory]
    [InlineData("not an envelope")]
    [InlineData("""{"v":9}""")]
    public async Task IngestAsync_Malformed_RejectedAtItsTransportPosition(string value)
    {
        var key = $"companies/{NewId()}";

        var result = await grid.Grains.GetGrain<IStoreARowIngestGrain>(key).IngestAsync(Encoding.UTF8.GetBytes(value), "syncgrid.store-a/x@42");

        Assert.Equal(SubmitResult.None, result);
        var reject = Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreA, "envelope.", key)));
        Assert.Equal("syncgrid.store-a/x@42", reject.Entry.SourcePosition);
        Assert.Equal(value, reject.Entry.RawValue);
    }

    [Fact]
    public async Task IngestAsync_EnvelopeOfAnotherRow_Rejected()
    {
        var row = Company(NewId(), Sample.NewTin(), 0);
        var key = $"companies/{NewId()}";

        await grid.Grains.GetGrain<IStoreARowIngestGrain>(key).IngestAsync(Envelope(row), "t@1");

        Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreA, StoreARejectCodes.EnvelopeMalformed, key)));
    }

    [Fact]
    public async Task IngestAsync_OlderVersionAfterANewerOne_Ignored()
    {
        var (oldTin, newTin) = (Sample.NewTin(), Sample.NewTin());
        var v1 = Company(NewId(), oldTin, 0);
        var v2 = v1 with { Inn = Cp1251(newTin), UpdatedAt = At(1) };
        await Ingest(v1);
        await Ingest(v2);

        var redelivered = await Ingest(v1);
        await Ingest(v2);

        Assert.Equal(new SubmitResult(0, 1, 0), redelivered);
        Assert.Null((await State(oldTin)).Merged);
        Assert.NotNull((await State(newTin)).Merged);
        Assert.Equal(newTin, await Grain(v1).GetLastTinAsync());
    }

    private Task<SubmitResult> Ingest(StoreARow row) => Grain(row).IngestAsync(Envelope(row), "t@1");

    private IStoreARowIngestGrain Grain(StoreARow row) => grid.Grains.GetGrain<IStoreARowIngestGrain>(row.Key);

    private Task<CompanySyncSnapshot> State(string tin) => grid.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();

    private Task<ContactSnapshot> Person(string email) => grid.Grains.GetGrain<IContactGrain>("email:" + email).GetSnapshotAsync();
}
