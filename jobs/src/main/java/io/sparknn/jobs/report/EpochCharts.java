package io.sparknn.jobs.report;

import io.sparknn.train.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Per-epoch charts of a training history: line charts (loss, accuracy, learning rate,
 * samples/s) and the time per epoch as stacked compute and communication bars, with epoch
 * numbers on the x axis.
 */
public final class EpochCharts {
    /** One line of a chart: its legend name, CSS class (colour) and value per epoch. */
    public record Series(String name, String cls, ToDoubleFunction<EpochStats> value) {}

    private static final String[] TIME_PARTS = {"compute", "comm", "other"};

    private EpochCharts() {}

    /** The chart, or "" when no series has a finite value (e.g. accuracy of a regressor). */
    public static String lines(String id, String title, String yTitle, List<EpochStats> h, Series... series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (EpochStats e : h) {
                double v = s.value().applyAsDouble(e);
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return "";
        }
        Axis x = epochAxis(h);
        Axis y = ChartFrame.yAxis(lo, hi);
        StringBuilder sb = frame(id, title, yTitle, h, x, y);
        int row = 0;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (EpochStats e : h) {
                double v = s.value().applyAsDouble(e);
                if (Double.isFinite(v)) {
                    double px = x.position(e.epoch());
                    double py = y.position(v);
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                    dots.append(String.format(
                            Locale.ROOT,
                            "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>epoch %d: %s</title></circle>",
                            s.cls(),
                            px,
                            py,
                            e.epoch(),
                            HtmlText.number(v)));
                }
            }
            if (pts.length() > 0) {
                sb.append("<polyline class=\"line ")
                        .append(s.cls())
                        .append("\" points=\"")
                        .append(pts.toString().trim())
                        .append("\"/>")
                        .append(dots);
                ChartFrame.legend(sb, row++, s.cls(), s.name());
            }
        }
        return ChartFrame.close(sb);
    }

    /**
     * Seconds per epoch as bars, split into computing and communicating where the workers measured
     * it (the rest of the epoch, e.g. validation, on top); a plain bar for older histories.
     */
    public static String time(List<EpochStats> h) {
        double hi = 0;
        for (EpochStats e : h) {
            hi = Math.max(hi, Double.isFinite(e.seconds()) ? e.seconds() : 0);
        }
        if (h.isEmpty() || hi <= 0) {
            return "";
        }
        Axis x = epochAxis(h);
        Axis y = ChartFrame.yAxis(0, hi);
        StringBuilder sb = frame("chart-time", "Time per epoch", "seconds", h, x, y);
        double slot = (x.position(2) - x.position(1)) * 0.6;
        for (EpochStats e : h) {
            double compute = Double.isFinite(e.computeSeconds()) ? e.computeSeconds() : 0;
            double comm = Double.isFinite(e.communicationSeconds()) ? e.communicationSeconds() : 0;
            double other = Math.max(0, e.seconds() - compute - comm);
            double[] parts = {compute, comm, other};
            double base = 0;
            for (int p = 0; p < parts.length; p++) {
                double v = parts[p];
                if (v > 0) {
                    double top = y.position(base + v);
                    sb.append(String.format(
                            Locale.ROOT,
                            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                                    + "<title>epoch %d %s: %.2f s</title></rect>",
                            TIME_PARTS[p],
                            x.position(e.epoch()) - slot / 2,
                            top,
                            slot,
                            y.position(base) - top,
                            e.epoch(),
                            TIME_PARTS[p],
                            v));
                    base += v;
                }
            }
        }
        ChartFrame.legend(sb, 0, "compute", "computing");
        ChartFrame.legend(sb, 1, "comm", "communicating");
        ChartFrame.legend(sb, 2, "other", "other (validation, ...)");
        return ChartFrame.close(sb);
    }

    private static Axis epochAxis(List<EpochStats> h) {
        int last = h.get(h.size() - 1).epoch();
        int first = h.get(0).epoch();
        // Half an epoch of margin so that the first and last points and bars sit inside the frame.
        return new Axis(first - 0.5, last + 0.5, 1, ChartFrame.LEFT, ChartFrame.RIGHT);
    }

    private static StringBuilder frame(String id, String title, String yTitle, List<EpochStats> h, Axis x, Axis y) {
        int first = h.get(0).epoch();
        int last = h.get(h.size() - 1).epoch();
        int every = Math.max(1, (int) Math.ceil((last - first + 1) / 12.0));
        List<Double> ticks = new ArrayList<>();
        for (int ep = first; ep <= last; ep += every) {
            ticks.add((double) ep);
        }
        return ChartFrame.open(id, title, x, ticks, v -> Integer.toString((int) v), y, "epoch", yTitle);
    }
}
