namespace SyncGrid.Generator.Tests;

/// <summary>One generation shared by a test class: the files in a temporary directory and the store A rows as written.</summary>
public sealed class GeneratedData : IAsyncLifetime
{
    public const int Scale = 3_000;
    public const long Seed = 7;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("syncgrid-generate-").FullName;

    public List<GeneratedCompanyRow> Companies { get; } = [];

    public List<GeneratedContactRow> Contacts { get; } = [];

    public List<GeneratedEvent> Events { get; } = [];

    public GenerationResult Result { get; private set; } = null!;

    public ExpectedOutcome Expected => Result.Expected;

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The independent replay of the generated data (computed once; the tests of a class run one at a time).</summary>
    internal Task<SourceReplay> Replay => _replay ??= SourceReplay.RunAsync(this);

    private Task<SourceReplay>? _replay;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Result = await new DataGenerator(new GeneratorOptions
        {
            Companies = Scale,
            Seed = Seed,
            OutputDirectory = Directory,
            OnStoreACompany = Companies.Add,
            OnStoreAContact = Contacts.Add,
            OnEvent = (e, _) =>
            {
                Events.Add(e);
                return ValueTask.CompletedTask;
            },
        }).RunAsync(timeout.Token);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
