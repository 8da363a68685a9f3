using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SyncGrid.Abstractions;
using SyncGrid.Domain.Merge;
using static SyncGrid.Grains.Tests.Sample;

namespace SyncGrid.Grains.Tests;

/// <summary>Grain state and messages survive the Orleans binary serializer that the grid's storage uses.</summary>
public sealed class StateSerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    [Fact]
    public void CompanyState_RoundTrips_WithEveryRecordAndLink()
    {
        var tin = NewTin();
        var record = Company(tin, B("p1", 0));
        var contact = Contact(tin, B("p1/C-1", 0), "rt@example.ru", parent: record.Source.Key);
        var state = new CompanyState
        {
            Records = { [record.Source.Key] = new StoredCompanyRecord(record, "h1") },
            Status = CompanySyncStatus.Received,
            History = [new StatusChange(CompanySyncStatus.Received, null, T0)],
            Links = { [contact.Source.Key] = new ContactLink(contact.Source.Key, contact.Key, contact.Parent, "h2", T0) },
            Version = 7,
        };

        var copy = Serializer.Deserialize<CompanyState>(Serializer.SerializeToArray(state));

        Assert.NotNull(copy);
        Assert.Equal(record, copy.Records[record.Source.Key].Record);
        Assert.Equal(state.Links[contact.Source.Key], copy.Links[contact.Source.Key]);
        Assert.Equal(state.History, copy.History);
        Assert.Equal(7, copy.Version);
        Assert.Equal(CompanyMerger.Merge(record.Tin, [record]), CompanyMerger.Merge(copy.Records[record.Source.Key].Record.Tin, [copy.Records[record.Source.Key].Record]));
    }

    [Fact]
    public void Submission_RoundTrips()
    {
        var tin = NewTin();
        var submission = Submission([Company(tin, A("1", 0))], [Contact(tin, A("c", 0), "sub@example.ru")], [new Domain.Records.SourceKey(Domain.Records.SourceStore.StoreA, "1")]);

        var copy = Serializer.Deserialize<CompanySubmission>(Serializer.SerializeToArray(submission));

        Assert.Equal(submission, copy);
    }

    public void Dispose() => _services.Dispose();
}
