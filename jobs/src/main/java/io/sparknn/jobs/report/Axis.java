package io.sparknn.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis with "nice" ticks (1, 2 or 5 times a power of ten) covering the data range, so
 * that gridlines fall on round values; maps values to pixel positions between two ends.
 */
record Axis(double lo, double hi, double step, double from, double to) {

    /** About {@code ticks} ticks over [min, max] mapped onto pixels [from, to]. */
    static Axis of(double min, double max, int ticks, double from, double to) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / Math.max(1, ticks);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, step, from, to);
    }

    double position(double v) {
        return from + (v - lo) / (hi - lo) * (to - from);
    }

    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        for (double v = lo; v <= hi + step * 1e-6; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return t;
    }

    /** A tick's label with as many decimals as the step needs; large values as 12k. */
    String label(double v) {
        if (Math.abs(hi) >= 10_000 && step >= 1000) {
            return HtmlText.fixed(v / 1000, step >= 10_000 ? 0 : 1) + "k";
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return HtmlText.fixed(v, Math.min(decimals, 8));
    }
}
