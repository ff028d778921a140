package io.sparknn.jobs.metrics;

import io.sparknn.jobs.io.OutputKind;
import io.sparknn.train.EpochStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The training report: one self-contained HTML file (inline SVG and CSS, no scripts, nothing
 * fetched from the network) with loss and accuracy curves per epoch, the metrics, the data
 * provenance and the estimator params.
 */
public final class HtmlReport {
    private static final int W = 520;
    private static final int H = 260;
    private static final int PAD = 44;

    private HtmlReport() {}

    public static String render(RunMetrics run) {
        StringBuilder sb = new StringBuilder(16_384);
        String title = "spark-nn " + run.job() + (run.name() == null ? "" : ": " + run.name());
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(OutputKind.GENERATOR)
                .append("<title>")
                .append(esc(title))
                .append(
                        "</title>\n<style>body{font:14px sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
                                + "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                                + "svg{margin:0 2em 1em 0;border:1px solid #eee}.train{stroke:#1f77b4}.val{stroke:#d62728}"
                                + "</style></head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n");
        sb.append("<p>Started ")
                .append(esc(run.startedAt().toString()))
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f", run.seconds()))
                .append(" s. Model: <code>")
                .append(esc(run.modelPath()))
                .append("</code></p>\n");
        if (run.input() != null) {
            sb.append("<p>Trained on Delta table <code>")
                    .append(esc(run.input().table()))
                    .append("</code> version ")
                    .append(run.input().version())
                    .append(
                            run.input().filter() == null
                                    ? ""
                                    : " where <code>" + esc(run.input().filter()) + "</code>")
                    .append(".</p>\n");
        }
        List<EpochStats> h = run.history();
        if (h != null && !h.isEmpty()) {
            sb.append("<h2>Training curves</h2>\n");
            sb.append(chart("Loss", h, EpochStats::loss, EpochStats::validationLoss));
            sb.append(chart("Accuracy", h, EpochStats::accuracy, EpochStats::validationAccuracy));
            sb.append("<p><span style=\"color:#1f77b4\">&#9632; training</span> &nbsp; "
                    + "<span style=\"color:#d62728\">&#9632; validation</span></p>\n");
            sb.append("<table><tr><th>epoch</th><th>loss</th><th>accuracy</th><th>validation loss</th>"
                    + "<th>validation accuracy</th><th>samples/s</th><th>seconds</th></tr>\n");
            for (EpochStats e : h) {
                sb.append("<tr><td>")
                        .append(e.epoch())
                        .append("</td><td>")
                        .append(fmt(e.loss()))
                        .append("</td><td>")
                        .append(fmt(e.accuracy()))
                        .append("</td><td>")
                        .append(fmt(e.validationLoss()))
                        .append("</td><td>")
                        .append(fmt(e.validationAccuracy()))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.0f", e.samplesPerSecond()))
                        .append("</td><td>")
                        .append(fmt(e.seconds()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        table(sb, "Metrics on held-out data", run.metrics());
        table(sb, "Estimator params", run.params());
        return sb.append("</body></html>\n").toString();
    }

    private static String chart(
            String title, List<EpochStats> h, ToDoubleFunction<EpochStats> train, ToDoubleFunction<EpochStats> val) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (EpochStats e : h) {
            for (double v : new double[] {train.applyAsDouble(e), val.applyAsDouble(e)}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" role=\"img\" aria-label=\"")
                .append(title)
                .append(" per epoch\"><text x=\"")
                .append(W / 2)
                .append("\" y=\"18\" text-anchor=\"middle\">")
                .append(title)
                .append(" per epoch</text>");
        if (lo > hi) {
            return sb.append("<text x=\"")
                    .append(W / 2)
                    .append("\" y=\"")
                    .append(H / 2)
                    .append("\" text-anchor=\"middle\">not recorded</text></svg>\n")
                    .toString();
        }
        if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        sb.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                PAD,
                H - PAD,
                W - 10,
                H - PAD));
        sb.append(String.format(
                Locale.ROOT, "<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", PAD, PAD, H - PAD));
        sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"34\" font-size=\"11\">%s</text>", fmt(hi)));
        sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>", H - PAD, fmt(lo)));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">epoch 1..%d</text>",
                W / 2,
                H - 12,
                h.size()));
        sb.append(polyline(h, train, lo, hi, "train")).append(polyline(h, val, lo, hi, "val"));
        return sb.append("</svg>\n").toString();
    }

    private static String polyline(
            List<EpochStats> h, ToDoubleFunction<EpochStats> f, double lo, double hi, String cls) {
        StringBuilder pts = new StringBuilder();
        int n = h.size();
        for (int i = 0; i < n; i++) {
            double v = f.applyAsDouble(h.get(i));
            if (Double.isFinite(v)) {
                double x = PAD + (n == 1 ? 0.5 : (double) i / (n - 1)) * (W - 10 - PAD);
                double y = (H - PAD) - (v - lo) / (hi - lo) * (H - PAD - 30);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        if (pts.length() == 0) {
            return "";
        }
        return "<polyline class=\"" + cls + "\" fill=\"none\" stroke-width=\"2\" points=\""
                + pts.toString().trim() + "\"/>";
    }

    private static void table(StringBuilder sb, String title, Map<String, ?> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        sb.append("<h2>").append(esc(title)).append("</h2>\n<table>\n");
        entries.forEach((k, v) -> sb.append("<tr><th>")
                .append(esc(k))
                .append("</th><td>")
                .append(v instanceof Double d ? fmt(d) : esc(String.valueOf(v)))
                .append("</td></tr>\n"));
        sb.append("</table>\n");
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "&ndash;";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
