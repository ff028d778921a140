package io.sparknn.jobs.report;

import java.util.List;

/**
 * What the report shows of a classifier on held-out rows: the confusion matrix (rows = true
 * class, columns = predicted; counts), class names when the config gives them (else null), and
 * the most confidently misclassified images (empty unless the network reads images).
 */
public record ClassificationDetails(List<String> classNames, long[][] confusion, List<Misclassified> examples) {

    /** The class's display name: its configured name, else its index. */
    public String name(int k) {
        return classNames != null && k < classNames.size() ? classNames.get(k) : Integer.toString(k);
    }

    public long rows() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }
}
