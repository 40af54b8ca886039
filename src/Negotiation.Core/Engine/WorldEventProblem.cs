namespace Negotiation.Core.Engine;

/// <summary>
/// Why a world event cannot happen in a scenario, found by <see cref="Rules.WorldEventProblems"/> for a scenario file
/// and a live announcement alike. <paramref name="Field"/> is where it lies, as the format names it (`lock.term`,
/// `set.value`, or empty for the event as a whole); <paramref name="Given"/> and <paramref name="Known"/> are the word
/// given and the words that would do, from which a file's reader suggests a spelling.
/// </summary>
public sealed record WorldEventProblem(string Field, string Reason, string? Given = null, IReadOnlyList<string>? Known = null);
