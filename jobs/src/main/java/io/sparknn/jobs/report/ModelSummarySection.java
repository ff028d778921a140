package io.sparknn.jobs.report;

/** The model summary table: layer, output shape, parameters, FLOPs per sample, totals. */
public final class ModelSummarySection {
    private ModelSummarySection() {}

    public static String render(ModelSummary m) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<h2>Model</h2>\n<div class=\"scroll\"><table id=\"model-summary\"><thead><tr><th>#</th>"
                + "<th>layer</th><th>output shape</th><th class=\"num\">params</th>"
                + "<th class=\"num\">FLOPs / sample</th></tr></thead><tbody>\n");
        sb.append("<tr><td></td><td>input</td><td>")
                .append(HtmlText.esc(m.inputShape()))
                .append("</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>\n");
        for (int i = 0; i < m.layers().size(); i++) {
            ModelSummary.Layer l = m.layers().get(i);
            sb.append("<tr><td>")
                    .append(i)
                    .append("</td><td>")
                    .append(HtmlText.esc(l.name()))
                    .append(l.frozen() ? " <span class=\"badge\">frozen</span>" : "")
                    .append("</td><td>")
                    .append(HtmlText.esc(l.outputShape()))
                    .append("</td><td class=\"num\">")
                    .append(HtmlText.count(l.params()))
                    .append("</td><td class=\"num\">")
                    .append(HtmlText.count(l.flops()))
                    .append("</td></tr>\n");
        }
        sb.append("</tbody><tfoot><tr><th colspan=\"3\">total</th><th class=\"num\">")
                .append(HtmlText.count(m.params()))
                .append("</th><th class=\"num\">")
                .append(HtmlText.count(m.flops()))
                .append("</th></tr></tfoot></table></div>\n<p>Trainable parameters: ")
                .append(HtmlText.count(m.params() - m.frozenParams()))
                .append("; frozen: ")
                .append(HtmlText.count(m.frozenParams()))
                .append(". FLOPs are forward-pass operations per sample (a training step costs about three times "
                        + "as much).</p>\n");
        return sb.toString();
    }
}
