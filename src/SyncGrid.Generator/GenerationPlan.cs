using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>
/// The shape of one run, fixed before any record is made: how many store A rows and store B partners there are, how
/// each company is spread over the sources, what the register says about it, and which companies the expected outcome
/// describes in full. The proportions are those of the real volumes (53,000 store A companies, 125,000 store B
/// partners), chosen so that about 170,000 companies end up active in Bitrix24 at that scale.
/// </summary>
internal sealed class GenerationPlan
{
    public required int StoreARows { get; init; }

    public required int Partners { get; init; }

    public required Layout[] Layouts { get; init; }

    public required string[] Statuses { get; init; }

    public required bool[] Big { get; init; }

    public required HashSet<int> Sample { get; init; }

    public required int PoolSize { get; init; }

    public static GenerationPlan Create(int companies, long seed, int sampleSize)
    {
        var rng = new Rng(seed, 0x91A7UL);
        var storeA = (int)Math.Round(companies * 53.0 / 178.0);
        var storeB = companies - storeA;
        var invalidA = (int)Math.Round(storeA * 0.03);
        var invalidB = (int)Math.Round(storeB * 0.01);
        var ab = (int)Math.Round(companies * 0.0101);
        var aa = (int)Math.Round(companies * 0.00225);
        var bb = (int)Math.Round(companies * 0.00337);
        var abb = (int)Math.Round(companies * 0.00056);
        var withdrawn = (int)Math.Round(companies * 0.0015);
        var a1 = storeA - invalidA - ab - (2 * aa) - abb - withdrawn;
        var b1 = storeB - invalidB - ab - (2 * bb) - (2 * abb);

        var layouts = new List<Layout>(companies);
        Add(Layout.A1, a1);
        Add(Layout.B1, b1);
        Add(Layout.AB, ab);
        Add(Layout.AA, aa);
        Add(Layout.BB, bb);
        Add(Layout.ABB, abb);
        Add(Layout.Withdrawn, withdrawn);
        Add(Layout.InvalidA, invalidA);
        Add(Layout.InvalidB, invalidB);
        rng.Shuffle(layouts);
        var all = layouts.ToArray();

        // The register's verdicts: most companies active, some liquidated (or on the way), some unknown to it.
        var statuses = new string[all.Length];
        var candidates = new List<int>();
        for (var i = 0; i < all.Length; i++)
        {
            statuses[i] = all[i] switch
            {
                Layout.InvalidA or Layout.InvalidB => "INVALID",
                _ => "ACTIVE",
            };
            if (all[i] is not (Layout.InvalidA or Layout.InvalidB or Layout.Withdrawn))
            {
                candidates.Add(i);
            }
        }

        rng.Shuffle(candidates);
        var inactive = (int)Math.Round(candidates.Count * 0.0065);
        var notFound = (int)Math.Round(candidates.Count * 0.003);
        for (var n = 0; n < inactive + notFound && n < candidates.Count; n++)
        {
            statuses[candidates[n]] = n >= inactive ? "NOT_FOUND" : (n * 20 / Math.Max(inactive, 1)) switch
            {
                < 10 => "LIQUIDATED",
                < 14 => "LIQUIDATING",
                < 17 => "BANKRUPT",
                _ => "REORGANIZING",
            };
        }

        // Big partners (hundreds of contacts: a company's contact links spill into shards), active single partners.
        var big = new bool[all.Length];
        var bigCount = companies >= 2_000 ? Math.Max(1, (int)Math.Round(companies / 60_000.0)) : 0;
        for (var i = 0; i < all.Length && bigCount > 0; i++)
        {
            if (all[i] == Layout.B1 && statuses[i] == "ACTIVE")
            {
                big[i] = true;
                bigCount--;
            }
        }

        // The sample: companies spread over the sources in every way, in every final state.
        var sample = new HashSet<int>();
        var order = Enumerable.Range(0, all.Length).ToList();
        rng.Shuffle(order);
        Take(i => big[i], int.MaxValue);
        Take(i => all[i] is Layout.AB or Layout.AA or Layout.BB or Layout.ABB, sampleSize * 45 / 100);
        Take(i => statuses[i] is "LIQUIDATED" or "LIQUIDATING" or "BANKRUPT" or "REORGANIZING", sampleSize * 8 / 100);
        Take(i => statuses[i] == "NOT_FOUND", sampleSize * 5 / 100);
        Take(i => all[i] == Layout.Withdrawn, sampleSize * 3 / 100);
        Take(i => all[i] is not (Layout.InvalidA or Layout.InvalidB), sampleSize);

        return new GenerationPlan
        {
            StoreARows = storeA,
            Partners = storeB,
            Layouts = all,
            Statuses = statuses,
            Big = big,
            Sample = sample,
            PoolSize = Math.Max(10, (int)Math.Round(companies * 0.29)),
        };

        void Add(Layout layout, int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(companies), companies, "The scale is too small for the source proportions.");
            }

            for (var i = 0; i < count; i++)
            {
                layouts.Add(layout);
            }
        }

        void Take(Func<int, bool> wanted, int count)
        {
            var taken = 0;
            foreach (var i in order)
            {
                if (sample.Count >= sampleSize || taken >= count)
                {
                    return;
                }

                if (wanted(i) && sample.Add(i))
                {
                    taken++;
                }
            }
        }
    }
}
