package io.sparknn.jobs.metrics;

import static io.sparknn.jobs.report.HtmlText.esc;
import static io.sparknn.jobs.report.HtmlText.number;

import io.sparknn.jobs.delta.TableProvenance;
import io.sparknn.jobs.io.OutputKind;
import io.sparknn.jobs.report.ConfusionMatrixSection;
import io.sparknn.jobs.report.EpochCharts;
import io.sparknn.jobs.report.EpochCharts.Series;
import io.sparknn.jobs.report.MisclassifiedGrid;
import io.sparknn.jobs.report.ModelSummarySection;
import io.sparknn.jobs.report.RegressionPlots;
import io.sparknn.jobs.report.ReportDetails;
import io.sparknn.train.EpochStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a train or evaluate run: one self-contained HTML file (inline CSS, SVG charts and
 * PNG images as data URIs; no scripts, nothing fetched) that reads on a phone and prints: the
 * headline metrics, the model summary, the curves per epoch, the confusion matrix with per-class
 * figures and misclassified images (or the regression plots), the data and the environment.
 */
public final class HtmlReport {
    private static final String STYLE = "<style>"
            + "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:1em;max-width:1200px;color:#222}"
            + "h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}"
            + ".scroll{overflow-x:auto}.badge{background:#eee;border-radius:3px;padding:0 4px;font-size:.85em}"
            + ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1em}"
            + "figure.chart{margin:0}figure.chart svg{width:100%;height:auto}"
            + "svg text{font-size:11px;fill:#333}svg .title{font-size:13px;font-weight:600}"
            + ".grid line,line.grid{stroke:#e5e5e5}line.axis{stroke:#888}line.diagonal{stroke:#999;"
            + "stroke-dasharray:4 3}polyline.line{fill:none;stroke-width:2}"
            + ".train{stroke:#1f77b4;fill:#1f77b4}.val{stroke:#d62728;fill:#d62728}"
            + ".lr{stroke:#2ca02c;fill:#2ca02c}.speed{stroke:#9467bd;fill:#9467bd}"
            + ".compute{fill:#1f77b4}.comm{fill:#ff7f0e}.other{fill:#bbb}.bar{fill:#1f77b4}"
            + ".point{fill:#1f77b4;fill-opacity:.45}"
            + "table.cm td{text-align:right;min-width:2.6em}"
            + "div.grid{display:flex;flex-wrap:wrap;gap:8px}div.grid figure{margin:0;text-align:center;"
            + "font-size:12px}div.grid img{image-rendering:pixelated;border:1px solid #ccc}"
            + "@media (max-width:600px){body{padding:.5em}td,th{padding:2px 4px}}"
            + "@media print{body{max-width:none;font-size:11px}.charts{grid-template-columns:1fr 1fr}"
            + "h2{break-after:avoid}figure,table,tr{break-inside:avoid}"
            + "td.cell{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
            + "</style>";

    private HtmlReport() {}

    public static String render(RunMetrics run) {
        StringBuilder sb = new StringBuilder(65_536);
        String title = "spark-nn " + run.job() + (run.name() == null ? "" : ": " + run.name());
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(OutputKind.GENERATOR)
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title))
                .append("</title>\n")
                .append(STYLE)
                .append("</head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n<p>Started ")
                .append(esc(run.startedAt().toString()))
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f", run.seconds()))
                .append(" s. Model: <code>")
                .append(esc(run.modelPath()))
                .append("</code></p>\n");
        table(sb, "metrics", run.job().equals("evaluate") ? "Metrics" : "Metrics on held-out data", run.metrics());
        ReportDetails d = run.details();
        if (d != null && d.model() != null) {
            sb.append(ModelSummarySection.render(d.model()));
        }
        List<EpochStats> h = run.history();
        if (h != null && !h.isEmpty()) {
            curves(sb, h);
        }
        if (d != null && d.classification() != null) {
            sb.append(ConfusionMatrixSection.render(d.classification()))
                    .append(MisclassifiedGrid.render(d.classification()));
        }
        if (d != null && d.regression() != null) {
            sb.append(RegressionPlots.render(d.regression()));
        }
        table(sb, "data", "Data", data(run));
        if (d != null) {
            table(sb, "environment", "Environment", d.environment());
        }
        table(sb, "params", "Estimator params", run.params());
        return sb.append("</body></html>\n").toString();
    }

    private static void curves(StringBuilder sb, List<EpochStats> h) {
        sb.append("<h2>Training</h2>\n<div class=\"charts\">\n")
                .append(EpochCharts.lines(
                        "chart-loss",
                        "Loss",
                        "loss",
                        h,
                        new Series("training", "train", EpochStats::loss),
                        new Series("validation", "val", EpochStats::validationLoss)))
                .append(EpochCharts.lines(
                        "chart-accuracy",
                        "Accuracy",
                        "accuracy",
                        h,
                        new Series("training", "train", EpochStats::accuracy),
                        new Series("validation", "val", EpochStats::validationAccuracy)))
                .append(EpochCharts.lines(
                        "chart-lr",
                        "Learning rate",
                        "rate (last step)",
                        h,
                        new Series("learning rate", "lr", EpochStats::learningRate)))
                .append(EpochCharts.lines(
                        "chart-speed",
                        "Throughput",
                        "samples/s",
                        h,
                        new Series("samples/s", "speed", EpochStats::samplesPerSecond)))
                .append(EpochCharts.time(h))
                .append("</div>\n");
        sb.append("<div class=\"scroll\"><table id=\"epochs\"><thead><tr><th>epoch</th><th>loss</th>"
                + "<th>accuracy</th><th>validation loss</th><th>validation accuracy</th><th>learning rate</th>"
                + "<th>samples/s</th><th>seconds</th><th>computing s</th><th>communicating s</th></tr></thead>"
                + "<tbody>\n");
        for (EpochStats e : h) {
            sb.append("<tr><td>").append(e.epoch()).append("</td>");
            for (double v : new double[] {e.loss(), e.accuracy(), e.validationLoss(), e.validationAccuracy()}) {
                sb.append("<td class=\"num\">").append(number(v)).append("</td>");
            }
            sb.append("<td class=\"num\">")
                    .append(
                            Double.isFinite(e.learningRate())
                                    ? String.format(Locale.ROOT, "%.3g", e.learningRate())
                                    : "&ndash;")
                    .append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.0f", e.samplesPerSecond()));
            for (double v : new double[] {e.seconds(), e.computeSeconds(), e.communicationSeconds()}) {
                sb.append("</td><td class=\"num\">")
                        .append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "&ndash;");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</tbody></table></div>\n");
    }

    private static Map<String, Object> data(RunMetrics run) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, run.job().equals("evaluate") ? "evaluated on" : "trained on", run.input());
        put(m, "validation table", run.validation());
        Double rows = run.metrics().get("rows");
        if (rows != null) {
            m.put(run.job().equals("evaluate") ? "rows evaluated" : "held-out rows evaluated", rows);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String what, TableProvenance t) {
        if (t != null) {
            m.put(
                    what,
                    t.table() + " (Delta version " + t.version() + ")"
                            + (t.filter() == null ? "" : " where " + t.filter()));
        }
    }

    private static void table(StringBuilder sb, String id, String title, Map<String, ?> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        sb.append("<h2>")
                .append(esc(title))
                .append("</h2>\n<div class=\"scroll\"><table id=\"")
                .append(id)
                .append("\">\n");
        entries.forEach((k, v) -> sb.append("<tr><th>")
                .append(esc(k))
                .append("</th><td>")
                .append(v instanceof Double n ? number(n) : esc(String.valueOf(v)))
                .append("</td></tr>\n"));
        sb.append("</table></div>\n");
    }
}
