using System.Text.Json;

namespace SyncGrid.Cli.Tests;

public class NormalizeCommandTests
{
    [Fact]
    public async Task Phone_SeveralNumbersWithExtension_ListsEach()
    {
        var (code, output, _) = await CliRunner.RunAsync("normalize", "phone", "8 (495) 500-55-50 доб. 12, +7 916 123-45-67", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var values = json.RootElement.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal("+74955005550", values[0].GetProperty("e164").GetString());
        Assert.Equal("12", values[0].GetProperty("extension").GetString());
        Assert.Equal("mobile", values[1].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Phone_Garbage_ExitsOneAndReportsIt()
    {
        var (code, output, _) = await CliRunner.RunAsync("normalize", "phone", "500-55");

        Assert.Equal(1, code);
        Assert.Contains("phone.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_Mixed_KeepsGoodReportsBad()
    {
        var (code, output, _) = await CliRunner.RunAsync("normalize", "email", "IVANOV@Example.ru ; bad@");

        Assert.Equal(1, code);
        Assert.Contains("ivanov@example.ru", output, StringComparison.Ordinal);
        Assert.Contains("email.invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_Initials_Split()
    {
        var (code, output, _) = await CliRunner.RunAsync("normalize", "name", "ИВАНОВ И.И.", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("values")[0];
        Assert.Equal("Иванов", row.GetProperty("last").GetString());
        Assert.Equal("И.", row.GetProperty("first").GetString());
    }

    [Fact]
    public async Task Company_KeepsLegalForm()
    {
        var (code, output, _) = await CliRunner.RunAsync("normalize", "company", "ПАО  «Сбербанк России»", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("values")[0];
        Assert.Equal("ПАО \"Сбербанк России\"", row.GetProperty("name").GetString());
        Assert.Equal("ПАО", row.GetProperty("legal form").GetString());
    }
}
