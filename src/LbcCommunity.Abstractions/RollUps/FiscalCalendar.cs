using System.Globalization;

namespace LbcCommunity.RollUps;

/// <summary>
/// A state's fiscal year, named as US states name theirs: by the calendar year it ends in (with a July start,
/// July 2026–June 2027 is FY2027). Roll-ups are kept by calendar quarter; these labels say which fiscal quarter a
/// calendar quarter is, so a state reports in its own year without the sums being kept twice.
/// </summary>
public static class FiscalCalendar
{
    /// <summary>July, Georgia's (and most states') first month of the fiscal year.</summary>
    public const int DefaultStartMonth = 7;

    /// <summary>A start month that can be used: 1–12, anything else (a tenant stored before it had one) is July.</summary>
    public static int Normalize(int startMonth) => startMonth is >= 1 and <= 12 ? startMonth : DefaultStartMonth;

    /// <summary>The fiscal year of a month, e.g. <c>FY2027</c> for July 2026 with a July start.</summary>
    public static string YearOf(int year, int month, int startMonth)
    {
        startMonth = Normalize(startMonth);
        var endsIn = startMonth == 1 || month < startMonth ? year : year + 1;
        return string.Create(CultureInfo.InvariantCulture, $"FY{endsIn}");
    }

    /// <summary>The fiscal quarter of a month, e.g. <c>FY2027-Q1</c> for July 2026 with a July start.</summary>
    public static string QuarterOf(int year, int month, int startMonth)
    {
        startMonth = Normalize(startMonth);
        var index = ((month - startMonth + 12) % 12 / 3) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{YearOf(year, month, startMonth)}-Q{index}");
    }

    /// <summary>
    /// The fiscal year and quarter of a calendar quarter key such as <c>2026-Q3</c>, by the quarter's first month
    /// (when the fiscal year starts in a month that begins no calendar quarter, fiscal quarters straddle two
    /// calendar quarters, and each calendar quarter is labelled with the fiscal quarter it starts in).
    /// </summary>
    public static (string FiscalYear, string FiscalQuarter) OfQuarter(string calendarQuarter, int startMonth)
    {
        var year = int.Parse(calendarQuarter.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = ((calendarQuarter[^1] - '1') * 3) + 1;
        return (YearOf(year, month, startMonth), QuarterOf(year, month, startMonth));
    }
}
