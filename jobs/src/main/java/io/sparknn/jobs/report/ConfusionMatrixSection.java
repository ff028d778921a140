package io.sparknn.jobs.report;

import java.util.Locale;

/**
 * The confusion matrix as a heat map (counts in the cells, shading by the share of the true
 * class's rows, so a rare class's mistakes show as clearly as a common one's) and the per-class
 * precision, recall, F1 and support.
 */
public final class ConfusionMatrixSection {
    private ConfusionMatrixSection() {}

    public static String render(ClassificationDetails c) {
        long[][] cm = c.confusion();
        int k = cm.length;
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<h2>Confusion matrix</h2>\n<p>")
                .append(HtmlText.count(c.rows()))
                .append(" held-out rows; rows are the true class, columns the predicted class; shading is the "
                        + "share of the row.</p>\n<div class=\"scroll\"><table id=\"confusion-matrix\" class=\"cm\">"
                        + "<thead><tr><th>true \\ predicted</th>");
        for (int j = 0; j < k; j++) {
            sb.append("<th>").append(HtmlText.esc(c.name(j))).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (int i = 0; i < k; i++) {
            long row = 0;
            for (long v : cm[i]) {
                row += v;
            }
            sb.append("<tr><th>").append(HtmlText.esc(c.name(i))).append("</th>");
            for (int j = 0; j < k; j++) {
                double share = row == 0 ? 0 : (double) cm[i][j] / row;
                String rgb = i == j ? "31,119,180" : "214,39,40";
                sb.append(String.format(
                        Locale.ROOT,
                        "<td class=\"cell%s\" data-count=\"%d\" style=\"background:rgba(%s,%.3f)%s\" "
                                + "title=\"%.1f%% of true %s\">%d</td>",
                        i == j ? " diag" : "",
                        cm[i][j],
                        rgb,
                        share,
                        share > 0.55 ? ";color:#fff" : "",
                        100 * share,
                        HtmlText.esc(c.name(i)),
                        cm[i][j]));
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n<h2>Per class</h2>\n<div class=\"scroll\"><table id=\"per-class\">"
                + "<thead><tr><th>class</th><th class=\"num\">precision</th><th class=\"num\">recall</th>"
                + "<th class=\"num\">F1</th><th class=\"num\">support</th></tr></thead><tbody>\n");
        for (int i = 0; i < k; i++) {
            ClassScores s = ClassScores.of(cm, i);
            sb.append(String.format(
                    Locale.ROOT,
                    "<tr data-class=\"%d\" data-recall=\"%s\" data-precision=\"%s\"><th>%s</th>"
                            + "<td class=\"num\">%.4f</td><td class=\"num\">%.4f</td><td class=\"num\">%.4f</td>"
                            + "<td class=\"num\">%d</td></tr>\n",
                    i,
                    Double.toString(s.recall()),
                    Double.toString(s.precision()),
                    HtmlText.esc(c.name(i)),
                    s.precision(),
                    s.recall(),
                    s.f1(),
                    s.support()));
        }
        return sb.append("</tbody></table></div>\n").toString();
    }
}
