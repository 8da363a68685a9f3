using System.Globalization;
using SyncGrid.Generator.Model;

namespace SyncGrid.Generator;

/// <summary>What every entity of one run shares: the seed, the shared people, the clock of the sources.</summary>
internal sealed class GeneratorContext
{
    /// <summary>The older store B export (windows-1251): <c>exportedAt</c>.</summary>
    public static readonly DateTimeOffset OldExportAt = new(2025, 12, 31, 21, 0, 0, TimeSpan.Zero);

    /// <summary>The current store B export: <c>exportedAt</c>.</summary>
    public static readonly DateTimeOffset MainExportAt = new(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);

    /// <summary>The change events happen in [<see cref="EventsFrom"/>, <see cref="EventsTo"/>).</summary>
    public static readonly DateTimeOffset EventsFrom = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset EventsTo = new(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Store A rows are changed from this time on.</summary>
    public static readonly DateTimeOffset StoreAFrom = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const long PoolIdBase = 100_000_000;
    public const long OrphanIdBase = 200_000_000;

    public GeneratorContext(long seed, int poolSize)
    {
        Seed = seed;
        var rng = new Rng(seed, 0x0FF5E7);
        Offset7 = rng.Next(10_000_000);
        Offset8 = rng.Next(100_000_000);
        Offset9 = rng.Next(1_000_000_000);
        MobileOffset = rng.Next(10_000_000);
        Pool = new Person[poolSize];
        for (var j = 0; j < poolSize; j++)
        {
            var r = new Rng(seed, (0x900UL << 32) | (uint)j);
            Pool[j] = People.New(this, r, PoolIdBase + j, domain: null, usedLocals: null, shared: true, office: null);
        }
    }

    public long Seed { get; }

    /// <summary>People who serve many companies (outsourced accountants, agents): each is one contact bound to several companies.</summary>
    public Person[] Pool { get; }

    public int Offset7 { get; }

    public int Offset8 { get; }

    public int Offset9 { get; }

    public int MobileOffset { get; }

    /// <summary>A 7-digit number unique per index (a bijection of the index).</summary>
    public string Unique7(long index) => ((index * 3_141_593L + Offset7) % 10_000_000L).ToString("D7", CultureInfo.InvariantCulture);

    public string Unique8(long index) => ((index * 31_415_927L + Offset8) % 100_000_000L).ToString("D8", CultureInfo.InvariantCulture);

    public string Unique9(long index) => ((index * 314_159_267L + Offset9) % 1_000_000_000L).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A mobile number unique per person id.</summary>
    public CleanPhone Mobile(long personId)
    {
        var prefixes = Vocabulary.MobilePrefixes;
        var prefix = prefixes[(int)(personId % prefixes.Length)];
        var rest = ((personId / prefixes.Length * 3_141_593L) + MobileOffset) % 10_000_000L;
        return new CleanPhone("+7" + prefix + rest.ToString("D7", CultureInfo.InvariantCulture), null, Mobile: true);
    }
}

/// <summary>Creates people.</summary>
internal static class People
{
    public static Person New(GeneratorContext context, Rng rng, long id, string? domain, HashSet<string>? usedLocals, bool shared, CleanPhone? office)
    {
        var female = rng.Chance(0.5);
        var father = rng.Pick(Vocabulary.MaleNames);
        var first = female ? rng.Pick(Vocabulary.FemaleNames) : rng.Pick(Vocabulary.MaleNames).Name;
        var middle = rng.Chance(0.93) ? (female ? father.DaughterOf : father.SonOf) : null;
        var last = rng.Pick(Vocabulary.Surnames);
        if (female)
        {
            last = Vocabulary.FemaleSurname(last);
        }

        string? email = null;
        if (shared)
        {
            if (rng.Chance(0.92))
            {
                email = $"{Vocabulary.Slug(first)}.{Vocabulary.Slug(last)}.{Base36(id - GeneratorContext.PoolIdBase)}@{rng.Pick(Vocabulary.MailProviders)}";
            }
        }
        else if (domain is not null)
        {
            var roll = rng.NextDouble();
            if (roll < 0.03)
            {
                email = (rng.Chance(0.5) ? "office@" : "buh@") + domain;
            }
            else if (roll < 0.77)
            {
                var local = $"{Vocabulary.Slug(first)[..1]}.{Vocabulary.Slug(last)}";
                var candidate = local;
                for (var n = 2; usedLocals is not null && !usedLocals.Add(candidate); n++)
                {
                    candidate = local + n.ToString(CultureInfo.InvariantCulture);
                }

                email = candidate + "@" + domain;
            }
        }

        var mobile = rng.Chance(shared ? 0.8 : 0.85) ? context.Mobile(id) : null;
        var positions = shared ? Vocabulary.SharedPositions : Vocabulary.Positions;
        return new Person
        {
            Id = id,
            Last = last,
            First = first,
            Middle = middle,
            Email = email,
            Mobile = mobile,
            Office = shared || office is null || !rng.Chance(0.3) ? null : office with { Extension = rng.Between(100, 899).ToString(CultureInfo.InvariantCulture) },
            Position = rng.Pick(positions),
            LaterPosition = rng.Pick(positions),
            Shared = shared,
        };
    }

    public static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value == 0)
        {
            return "0";
        }

        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        while (value > 0)
        {
            buffer[--i] = digits[(int)(value % 36)];
            value /= 36;
        }

        return new string(buffer[i..]);
    }
}
