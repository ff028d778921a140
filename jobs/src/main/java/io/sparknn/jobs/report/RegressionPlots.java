package io.sparknn.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A regressor on held-out rows: predicted against actual (with the y = x line) and the residuals' histogram. */
public final class RegressionPlots {
    static final int BINS = 30;

    private RegressionPlots() {}

    public static String render(RegressionDetails r) {
        if (r.actual().length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(65_536);
        sb.append("<h2>Predicted vs actual</h2>\n<p>")
                .append(HtmlText.count(r.actual().length))
                .append(r.actual().length < r.rows() ? " sampled" : "")
                .append(" of ")
                .append(HtmlText.count(r.rows()))
                .append(" held-out rows.</p>\n");
        sb.append(scatter(r)).append(histogram(r));
        return sb.toString();
    }

    private static String scatter(RegressionDetails r) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : new double[][] {r.actual(), r.predicted()}) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Axis x = ChartFrame.xAxis(lo, hi, 6);
        Axis y = ChartFrame.yAxis(lo, hi);
        StringBuilder sb = ChartFrame.open(
                "chart-scatter", "Predicted vs actual", x, x.ticks(), x::label, y, "actual", "predicted");
        double a = Math.max(x.lo(), y.lo());
        double b = Math.min(x.hi(), y.hi());
        sb.append(String.format(
                Locale.ROOT,
                "<line class=\"diagonal\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                x.position(a),
                y.position(a),
                x.position(b),
                y.position(b)));
        for (int i = 0; i < r.actual().length; i++) {
            if (Double.isFinite(r.actual()[i]) && Double.isFinite(r.predicted()[i])) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>",
                        x.position(r.actual()[i]),
                        y.position(r.predicted()[i])));
            }
        }
        return ChartFrame.close(sb);
    }

    private static String histogram(RegressionDetails r) {
        List<Double> residuals = new ArrayList<>();
        for (int i = 0; i < r.actual().length; i++) {
            double d = r.predicted()[i] - r.actual()[i];
            if (Double.isFinite(d)) {
                residuals.add(d);
            }
        }
        if (residuals.isEmpty()) {
            return "";
        }
        double lo = residuals.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = residuals.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Axis x = ChartFrame.xAxis(lo, hi, 6);
        double width = (x.hi() - x.lo()) / BINS;
        long[] counts = new long[BINS];
        for (double d : residuals) {
            counts[Math.min(BINS - 1, (int) ((d - x.lo()) / width))]++;
        }
        long most = 0;
        for (long c : counts) {
            most = Math.max(most, c);
        }
        Axis y = ChartFrame.yAxis(0, most);
        StringBuilder sb = ChartFrame.open(
                "chart-residuals", "Residuals (predicted - actual)", x, x.ticks(), x::label, y, "residual", "rows");
        for (int i = 0; i < BINS; i++) {
            if (counts[i] > 0) {
                double left = x.position(x.lo() + i * width);
                double top = y.position(counts[i]);
                sb.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%d</title></rect>",
                        left,
                        top,
                        x.position(x.lo() + (i + 1) * width) - left,
                        y.position(0) - top,
                        counts[i]));
            }
        }
        return ChartFrame.close(sb);
    }
}
