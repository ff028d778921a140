package io.sparknn.jobs.report;

import java.util.Locale;

/** Escaping and number formatting shared by the report's sections. */
public final class HtmlText {
    private HtmlText() {}

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * A figure as a reader wants it: whole numbers without decimals (a row count is "1000", not
     * "1000.0000"), others with four decimals, a dash when not recorded.
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "&ndash;";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A count with thousands separators, e.g. "101,770". */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
