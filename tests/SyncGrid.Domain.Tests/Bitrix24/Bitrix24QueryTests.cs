using SyncGrid.Domain.Bitrix24;

namespace SyncGrid.Domain.Tests.Bitrix24;

public class Bitrix24QueryTests
{
    [Fact]
    public void Encode_NestedFieldsAndMultiField_PhpBracketSyntaxPercentEncoded()
    {
        var query = Bitrix24Query.Encode(new Dictionary<string, object?>
        {
            ["fields"] = new Dictionary<string, object?>
            {
                ["TITLE"] = "ООО \"Ромашка\" & Co",
                ["PHONE"] = new[] { new Dictionary<string, object?> { ["VALUE"] = "+74955005550", ["VALUE_TYPE"] = "WORK" } },
            },
            ["select"] = new[] { "ID", "PHONE" },
            ["start"] = -1,
        });

        Assert.Equal(
            "fields[TITLE]=%D0%9E%D0%9E%D0%9E%20%22%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0%22%20%26%20Co"
            + "&fields[PHONE][0][VALUE]=%2B74955005550&fields[PHONE][0][VALUE_TYPE]=WORK&select[0]=ID&select[1]=PHONE&start=-1",
            query.Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_References_BecomeEncodedResultKeysOthersUntouched()
    {
        var query = Bitrix24Query.Encode(new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { ["ENTITY_ID"] = Bitrix24Ref.To(1), ["NAME"] = "$refined" } });

        var resolved = Bitrix24Ref.Resolve(query, i => $"b7g0c{i}");

        Assert.Contains("[ENTITY_ID]=" + Uri.EscapeDataString("$result[b7g0c1]"), resolved, StringComparison.Ordinal);
        Assert.Contains("[NAME]=%24refined", resolved, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crm.company.get", true)]
    [InlineData("CRM.CONTACT.LIST", true)]
    [InlineData("crm.company.contact.items.get", true)]
    [InlineData("crm.duplicate.findbycomm", true)]
    [InlineData("crm.company.add", false)]
    [InlineData("crm.company.contact.items.set", false)]
    [InlineData("batch", false)]
    public void IsRead_ClassifiesMethods(string method, bool read) => Assert.Equal(read, Bitrix24Methods.IsRead(method));
}
