namespace SyncGrid.Domain.Channels;

/// <summary>What kind of line a phone number is, as libphonenumber classifies it.</summary>
[GenerateSerializer, Alias("SyncGrid.PhoneKind")]
public enum PhoneKind
{
    Mobile,
    Fixed,
    FixedOrMobile,
    TollFree,
    Other,
}
