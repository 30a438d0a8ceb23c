using System.Globalization;

namespace LbcCommunity.Bench;

/// <summary>
/// CPU time the hypervisor gave to other guests while ours wanted it (the <c>steal</c> column of <c>/proc/stat</c>),
/// summed over all cores since boot. These machines are virtual and shared: a scenario with much steal measured the
/// neighbours as much as the code.
/// </summary>
internal static class MachineSteal
{
    /// <summary>Seconds of steal since boot; 0 where the kernel does not say (not Linux).</summary>
    public static double Seconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in USER_HZ ticks (100 a second on Linux).
            var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(total[8], CultureInfo.InvariantCulture) / 100.0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
