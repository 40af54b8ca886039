using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Negotiation.Benchmarks;

/// <summary>
/// A reference for the scaling figure that reads no memory at all: twelve independent chains of fused multiply-adds on
/// four doubles each, all in registers, so that a core's arithmetic units are busy every cycle. Two such loops on two
/// cores go twice as fast as one unless the cores share those units. On this VM (2026-11-30) the same loop, written in C
/// with each thread pinned to a core, gave 1.29x to 2.15x from one pair to the next: one core often ran it at two thirds
/// of its speed while the other ran at full speed, so the host shares a core's arithmetic units with others
/// (docs/benchmarks.md, issue 24). A loop of dependent reads (<see cref="CacheWalk"/>) leaves them idle and does not see it.
/// </summary>
internal static class ArithmeticLoop
{
    /// <summary>Runs <paramref name="steps"/> steps of every chain from a start of its own; a number from the end, so the work is not dropped.</summary>
    public static int Run(int start, int steps)
    {
        var m = Vector256.Create(0.999_999);
        var c = Vector256.Create(1e-7);
        var (a0, a1, a2, a3) = (Vector256.Create(start + 0.0), Vector256.Create(start + 1.0), Vector256.Create(start + 2.0), Vector256.Create(start + 3.0));
        var (a4, a5, a6, a7) = (Vector256.Create(start + 4.0), Vector256.Create(start + 5.0), Vector256.Create(start + 6.0), Vector256.Create(start + 7.0));
        var (a8, a9, a10, a11) = (Vector256.Create(start + 8.0), Vector256.Create(start + 9.0), Vector256.Create(start + 10.0), Vector256.Create(start + 11.0));
        if (Fma.IsSupported)
            for (var k = 0; k < steps; k++)
            {
                (a0, a1, a2, a3) = (Fma.MultiplyAdd(a0, m, c), Fma.MultiplyAdd(a1, m, c), Fma.MultiplyAdd(a2, m, c), Fma.MultiplyAdd(a3, m, c));
                (a4, a5, a6, a7) = (Fma.MultiplyAdd(a4, m, c), Fma.MultiplyAdd(a5, m, c), Fma.MultiplyAdd(a6, m, c), Fma.MultiplyAdd(a7, m, c));
                (a8, a9, a10, a11) = (Fma.MultiplyAdd(a8, m, c), Fma.MultiplyAdd(a9, m, c), Fma.MultiplyAdd(a10, m, c), Fma.MultiplyAdd(a11, m, c));
            }
        else
            for (var k = 0; k < steps; k++)
            {
                (a0, a1, a2, a3) = (a0 * m + c, a1 * m + c, a2 * m + c, a3 * m + c);
                (a4, a5, a6, a7) = (a4 * m + c, a5 * m + c, a6 * m + c, a7 * m + c);
                (a8, a9, a10, a11) = (a8 * m + c, a9 * m + c, a10 * m + c, a11 * m + c);
            }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return (int)Vector256.Sum(sum);
    }
}
