package io.sparknn.jobs.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The most confidently misclassified held-out images, each drawn from its feature vector as an
 * inline PNG (data URI; scaled per image from its own min to max, since features may be
 * standardized) with the true and the predicted class.
 */
public final class MisclassifiedGrid {
    private MisclassifiedGrid() {}

    public static String render(ClassificationDetails c) {
        List<Misclassified> examples = c.examples();
        if (examples.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(32_768);
        sb.append("<h2>Most confidently misclassified</h2>\n<div id=\"misclassified\" class=\"grid\">\n");
        for (Misclassified m : examples) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<figure><img src=\"data:image/png;base64,%s\" width=\"%d\" height=\"%d\" alt=\"true %s, "
                            + "predicted %s\"><figcaption>true <b>%s</b><br>predicted <b>%s</b> (%.0f%%)"
                            + "</figcaption></figure>\n",
                    png(m),
                    3 * m.width(),
                    3 * m.height(),
                    HtmlText.esc(c.name(m.label())),
                    HtmlText.esc(c.name(m.predicted())),
                    HtmlText.esc(c.name(m.label())),
                    HtmlText.esc(c.name(m.predicted())),
                    100 * m.confidence()));
        }
        return sb.append("</div>\n").toString();
    }

    static String png(Misclassified m) {
        int w = m.width();
        int h = m.height();
        int plane = w * h;
        float[] p = m.pixels();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : p) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float range = hi > lo ? hi - lo : 1;
        boolean rgb = m.channels() == 3;
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (rgb) {
                    img.setRGB(
                            x,
                            y,
                            (level(p, i, lo, range) << 16)
                                    | (level(p, plane + i, lo, range) << 8)
                                    | level(p, 2 * plane + i, lo, range));
                } else {
                    img.getRaster().setSample(x, y, 0, level(p, i, lo, range));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a " + w + "x" + h + " image as PNG", e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static int level(float[] p, int i, float lo, float range) {
        float v = i < p.length && Float.isFinite(p[i]) ? (p[i] - lo) / range : 0;
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
