using System.Text;
using SyncGrid.Abstractions;
using SyncGrid.Abstractions.Rejects;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains.Tests.Ingest;

public class PartnerIngestGrainTests(GridFixture grid) : IClassFixture<GridFixture>
{
    [Fact]
    public async Task IngestAsync_SpecEvent_CompanyAndContactMergedRejectsRecorded()
    {
        var tin = Sample.NewTin();
        var partner = "p-" + tin;
        var ingest = grid.Grains.GetGrain<IPartnerIngestGrain>(partner);

        var result = await ingest.IngestAsync(Changed(partner, tin, "2026-10-01T09:15:27.120Z", "ivanov." + tin), $"t/{partner}@1");

        Assert.Equal(2, result.RecordsApplied);
        Assert.Equal(tin, await ingest.GetLastTinAsync());
        var company = await grid.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
        Assert.Equal("ПАО \"Сбербанк России\"", company.Merged!.Name!.Value.Display);
        Assert.Equal(SourceStore.StoreB, company.Merged.Name.Source.Store);
        Assert.Equal([$"email:ivanov.{tin}@example.ru"], company.Contacts.Select(c => c.Value));

        // The export's example account fails its control key: the account is rejected, with the event's position.
        var rejected = await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, "account.", partner));
        Assert.Equal($"t/{partner}@1", Assert.Single(rejected).Entry.SourcePosition);
    }

    [Fact]
    public async Task IngestAsync_PartnerDeleted_ReachesTheLastTinAndWithdrawsItsContacts()
    {
        var tin = Sample.NewTin();
        var partner = "d-" + tin;
        var ingest = grid.Grains.GetGrain<IPartnerIngestGrain>(partner);
        await ingest.IngestAsync(Changed(partner, tin, "2026-10-01T09:00:00Z", "gone." + tin), "p@1");

        await ingest.IngestAsync(Encoding.UTF8.GetBytes($$$"""{"eventId":"x","eventType":"PartnerDeleted","occurredAt":"2026-10-02T09:00:00Z","partner":{"partnerId":"{{{partner}}}"}}"""), "p@2");

        Assert.Equal(CompanySyncStatus.Withdrawn, (await grid.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Status);
        Assert.Null((await grid.Grains.GetGrain<IContactGrain>($"email:gone.{tin}@example.ru").GetSnapshotAsync()).Merged);
    }

    [Fact]
    public async Task IngestAsync_TinChanges_WithdrawnFromTheOldCompany()
    {
        var oldTin = Sample.NewTin();
        var newTin = Sample.NewTin();
        var partner = "m-" + oldTin;
        var ingest = grid.Grains.GetGrain<IPartnerIngestGrain>(partner);
        await ingest.IngestAsync(Changed(partner, oldTin, "2026-10-01T09:00:00Z", "mover." + oldTin), "p@1");

        await ingest.IngestAsync(Changed(partner, newTin, "2026-10-01T10:00:00Z", "mover." + oldTin), "p@2");

        Assert.Null((await grid.Grains.GetGrain<ICompanyGrain>(oldTin).GetSyncStateAsync()).Merged);
        Assert.NotNull((await grid.Grains.GetGrain<ICompanyGrain>(newTin).GetSyncStateAsync()).Merged);
        Assert.Equal(newTin, await ingest.GetLastTinAsync());
    }

    [Theory]
    [InlineData("not json at all", "json.malformed")]
    [InlineData("""{"eventType":"PartnerChanged","occurredAt":"2026-10-01T09:00:00Z","partner":{"partnerId":"x","taxNumbers":{"inn":"7707083894"}}}""", "tin.checksum")]
    public async Task IngestAsync_BadMessage_RejectedWithPositionNothingSubmitted(string message, string code)
    {
        var partner = "bad-" + Guid.NewGuid().ToString("N");

        var result = await grid.Grains.GetGrain<IPartnerIngestGrain>(partner).IngestAsync(Encoding.UTF8.GetBytes(message), "t/bad@7");

        Assert.Equal(SubmitResult.None, result);
        var row = Assert.Single(await grid.Rejects.QueryAsync(new RejectQuery(SourceStore.StoreB, code, partner)));
        Assert.Equal("t/bad@7", row.Entry.SourcePosition);
        Assert.NotNull(row.Entry.RawValue);
    }

    [Fact]
    public async Task IngestAsync_OlderPictureUnderAnotherTin_DoesNotMoveThePartnerBack()
    {
        var current = Sample.NewTin();
        var historic = Sample.NewTin();
        var partner = "o-" + current;
        var ingest = grid.Grains.GetGrain<IPartnerIngestGrain>(partner);
        await ingest.IngestAsync(Changed(partner, current, "2026-10-01T09:00:00Z", "now." + current), "sapcrm.partners/0@1");

        // A history export read later: the partner as it was the day before, under its old TIN.
        var result = await ingest.IngestAsync(Changed(partner, historic, "2026-09-30T23:00:00Z", "then." + current), "export.json#partners[7]@1234");

        Assert.Equal(SubmitResult.None, result);
        Assert.Equal(current, await ingest.GetLastTinAsync());
        Assert.NotNull((await grid.Grains.GetGrain<ICompanyGrain>(current).GetSyncStateAsync()).Merged);
        Assert.Null((await grid.Grains.GetGrain<ICompanyGrain>(historic).GetSyncStateAsync()).Merged);

        // A newer picture under the other TIN still moves it.
        await ingest.IngestAsync(Changed(partner, historic, "2026-10-02T09:00:00Z", "later." + current), "sapcrm.partners/0@2");
        Assert.Equal(historic, await ingest.GetLastTinAsync());
        Assert.Null((await grid.Grains.GetGrain<ICompanyGrain>(current).GetSyncStateAsync()).Merged);
    }

    [Fact]
    public async Task IngestAsync_PictureOlderThanADeletion_DoesNotRouteTheDeletedPartnerElsewhere()
    {
        var tin = Sample.NewTin();
        var other = Sample.NewTin();
        var partner = "x-" + tin;
        var ingest = grid.Grains.GetGrain<IPartnerIngestGrain>(partner);
        await ingest.IngestAsync(Changed(partner, tin, "2026-10-01T09:00:00Z", "x." + tin), "p@1");
        await ingest.IngestAsync(Encoding.UTF8.GetBytes($$$"""{"eventId":"x","eventType":"PartnerDeleted","occurredAt":"2026-10-03T09:00:00Z","partner":{"partnerId":"{{{partner}}}"}}"""), "p@2");

        await ingest.IngestAsync(Changed(partner, other, "2026-10-02T09:00:00Z", "y." + tin), "export.json#partners[1]@10");

        Assert.Null((await grid.Grains.GetGrain<ICompanyGrain>(other).GetSyncStateAsync()).Merged);
        Assert.Equal(CompanySyncStatus.Withdrawn, (await grid.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync()).Status);
    }

    private static byte[] Changed(string partner, string tin, string at, string emailUser) => Encoding.UTF8.GetBytes($$$"""
        {"eventId":"5f0c2a9e","eventType":"PartnerChanged","occurredAt":"{{{at}}}",
         "partner":{"partnerId":"{{{partner}}}","category":"ORGANIZATION","name":"ПАО  \"Сбербанк России\"",
           "taxNumbers":{"inn":"{{{tin}}}","kpp":"773601001","ogrn":"1027700132195"},
           "legalAddress":"117997, г. Москва, ул. Вавилова, д. 19",
           "phones":[{"number":"8 (495) 500-55-50","type":"WORK"}],"emails":["info@example.ru"],
           "bankAccounts":[{"bik":"044525225","account":"40702810038000000001","bankName":"ПАО Сбербанк"}],
           "contacts":[{"contactId":"C-77120","lastName":"Иванов","firstName":"Иван","middleName":"Иванович","position":"бухгалтер",
             "phones":["+7 916 123-45-67 доб. 12"],"emails":["{{{emailUser}}}@Example.ru "]}]}}
        """);
}
