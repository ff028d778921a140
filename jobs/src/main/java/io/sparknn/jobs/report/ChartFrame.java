package io.sparknn.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The frame every chart shares: an SVG that scales with the page (viewBox, 100% width), a title,
 * horizontal and vertical gridlines at the axes' ticks with their labels, and axis titles.
 */
final class ChartFrame {
    static final int W = 560;
    static final int H = 300;
    static final int LEFT = 64;
    static final int RIGHT = W - 16;
    static final int TOP = 34;
    static final int BOTTOM = H - 46;

    private ChartFrame() {}

    static Axis xAxis(double min, double max, int ticks) {
        return Axis.of(min, max, ticks, LEFT, RIGHT);
    }

    static Axis yAxis(double min, double max) {
        return Axis.of(min, max, 5, BOTTOM, TOP);
    }

    /** Opens the SVG and draws the grid; the caller appends its marks and {@link #close}s. */
    static StringBuilder open(
            String id,
            String title,
            Axis x,
            List<Double> xTicks,
            DoubleFunction<String> xLabel,
            Axis y,
            String xTitle,
            String yTitle) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append(String.format(
                Locale.ROOT,
                "<figure class=\"chart\"><svg id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                id,
                W,
                H,
                HtmlText.esc(title)));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"18\" text-anchor=\"middle\" class=\"title\">%s</text>",
                W / 2,
                HtmlText.esc(title)));
        for (double t : y.ticks()) {
            double py = y.position(t);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                            + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT,
                    py,
                    RIGHT,
                    py,
                    LEFT - 6,
                    py + 4,
                    y.label(t)));
        }
        for (double t : xTicks) {
            double px = x.position(t);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                            + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    px,
                    TOP,
                    px,
                    BOTTOM,
                    px,
                    BOTTOM + 16,
                    xLabel.apply(t)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                        + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                LEFT,
                BOTTOM,
                RIGHT,
                BOTTOM,
                LEFT,
                TOP,
                LEFT,
                BOTTOM));
        sb.append(String.format(
                Locale.ROOT,
                "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                        + "<text class=\"axis-title\" transform=\"translate(14 %d) rotate(-90)\" "
                        + "text-anchor=\"middle\">%s</text>",
                (LEFT + RIGHT) / 2,
                H - 8,
                HtmlText.esc(xTitle),
                (TOP + BOTTOM) / 2,
                HtmlText.esc(yTitle)));
        return sb;
    }

    /** A legend entry at row {@code i} in the top right corner. */
    static void legend(StringBuilder sb, int i, String cls, String name) {
        int y = TOP + 8 + 16 * i;
        sb.append(String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"12\" height=\"8\"/>"
                        + "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                cls,
                RIGHT - 14,
                y - 7,
                RIGHT - 18,
                y,
                HtmlText.esc(name)));
    }

    static String close(StringBuilder sb) {
        return sb.append("</svg></figure>\n").toString();
    }
}
