using System.Globalization;
using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Normalization;
using SyncGrid.Domain.Records;
using SyncGrid.Sandbox.RetailCrm;

namespace SyncGrid.Orders.Tests.Flows;

/// <summary>Orders of legal entities: the deal is bound to the company the grid keeps in Bitrix24, when the grid knows it.</summary>
public sealed class CorporateOrderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CorporateOrders_CompanyKnownToTheGrid_DealAndNewContactBoundToItsBitrix24Company()
    {
        await using var h = await OrdersHarness.StartSandboxesAsync(register: true);
        await h.StartSiloAsync();

        // Two of the shop's corporate buyers are companies the grid already synced from a source (store A).
        string[] known = ["7707083893", "7728168971"];
        foreach (var tin in known)
        {
            var record = RecordNormalizer.Normalize(new RawCompany
            {
                Source = new SourceRef(SourceStore.StoreA, $"c-{tin}", DateTimeOffset.Parse("2026-01-10T10:00:00+03:00", CultureInfo.InvariantCulture)),
                Inn = tin,
                Name = $"ООО Клиент {tin}",
                Phones = ["8 (495) 500-55-50"],
            }).Record!;
            await h.Grains.GetGrain<ICompanyGrain>(tin).SubmitAsync(new CompanySubmission { Companies = new ValueList<CompanyRecord>([record]) });
        }

        var companies = new Dictionary<string, long>();
        await Eventually.WaitAsync(
            async () =>
            {
                foreach (var tin in known)
                {
                    var state = await h.Grains.GetGrain<ICompanyGrain>(tin).GetSyncStateAsync();
                    if (state.Bitrix24CompanyId is { } id)
                    {
                        companies[tin] = id;
                    }
                }

                return companies.Count == known.Length;
            },
            Deadline,
            () => "the grid's companies to reach Bitrix24: " + string.Join("; ", known.Select(t => h.Grains.GetGrain<ICompanyGrain>(t).GetSyncStateAsync().Result).Select(s => $"{s.Tin} {s.Status} {s.StatusReason} {s.LastError}")));

        h.Retail.GenerateShopDay(new RetailCrmShopDay { Orders = 20, Seed = 41, CorporateShare = 1, RepeatShare = 0 });
        await h.WaitSyncedAsync(Deadline);

        var deals = h.Entities("deal");
        var bound = 0;
        foreach (var (id, _, _, sync) in await h.SnapshotsAsync())
        {
            var inn = (string?)h.Retail.GetOrder(id)!["company"]!["contragent"]!["INN"];
            var deal = deals.Single(d => (string?)d["ID"] == sync.DealId!.Value.ToString(CultureInfo.InvariantCulture));
            if (inn is not null && companies.TryGetValue(inn, out var companyId))
            {
                bound++;
                Assert.Equal(companyId, sync.CompanyId);
                Assert.Equal(companyId.ToString(CultureInfo.InvariantCulture), (string?)deal["COMPANY_ID"]);
            }
            else
            {
                Assert.Null(sync.CompanyId);
                Assert.Null((string?)deal["COMPANY_ID"]);
            }
        }

        Assert.True(bound > 0, "some orders must come from the known companies");
        Assert.Equal(2, h.Entities("company").Count);
    }
}
