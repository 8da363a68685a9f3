using SyncGrid.Abstractions;
using SyncGrid.Domain;
using SyncGrid.Domain.Records;

namespace SyncGrid.Grains;

/// <summary>One shard of a large company's contact links. Only its company calls it.</summary>
public sealed class CompanyContactLinksGrain(
    [PersistentState("contact-links", GrainStorageNames.Grid)] IPersistentState<ContactLinksState> state) : Grain, ICompanyContactLinksGrain
{
    /// <inheritdoc />
    public async Task<ValueList<ContactLink>> ApplyAsync(ValueList<ContactLink> upserts, ValueList<SourceKey> removals, CancellationToken cancellationToken = default)
    {
        var replaced = new List<ContactLink>();
        var changed = false;
        foreach (var link in upserts)
        {
            if (state.State.Links.TryGetValue(link.Source, out var previous))
            {
                if (previous == link)
                {
                    continue;
                }

                replaced.Add(previous);
            }

            state.State.Links[link.Source] = link;
            changed = true;
        }

        foreach (var source in removals)
        {
            if (state.State.Links.Remove(source, out var previous))
            {
                replaced.Add(previous);
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        return new ValueList<ContactLink>(replaced);
    }

    /// <inheritdoc />
    public Task<ValueList<ContactLink>> GetLinksAsync(SourceKey? parent, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ValueList<ContactLink>(state.State.Links.Values.Where(l => parent is null || l.Parent == parent)));
}
