namespace Negotiation.Core.Tests;

/// <summary>The term sheets of the article's negotiations that the given/when/then tests write out.</summary>
internal static class TermSheets
{
    /// <summary>What the refusing vendor asks for: contractual bans on both uses.</summary>
    public static readonly Dictionary<string, string> Banned = new()
    {
        ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "contractual-ban", ["autonomous_weapons"] = "human-in-the-loop-required",
    };

    /// <summary>The department's compromise: existing law and mutually agreed safety mechanisms.</summary>
    public static readonly Dictionary<string, string> Compromise = new()
    {
        ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "existing-law-reference", ["autonomous_weapons"] = "mutually-agreed-safety-mechanisms",
    };

    /// <summary>What the department first asks for: all lawful uses, nothing restricted.</summary>
    public static readonly Dictionary<string, string> AllLawful = new()
    {
        ["usage_scope"] = "all-lawful-uses", ["domestic_surveillance"] = "permitted", ["autonomous_weapons"] = "unrestricted",
    };
}
