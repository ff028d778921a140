package io.sparknn.jobs.report;

/**
 * One class's figures from a confusion matrix (rows = true class, columns = predicted):
 * precision = diagonal / column sum, recall = diagonal / row sum, F1 their harmonic mean, support
 * the row sum. A class never predicted has precision 0, as MLlib's MulticlassMetrics has it.
 */
public record ClassScores(double precision, double recall, double f1, long support) {

    public static ClassScores of(long[][] confusion, int k) {
        long tp = confusion[k][k];
        long row = 0;
        long col = 0;
        for (int j = 0; j < confusion.length; j++) {
            row += confusion[k][j];
            col += confusion[j][k];
        }
        double precision = col == 0 ? 0 : (double) tp / col;
        double recall = row == 0 ? 0 : (double) tp / row;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScores(precision, recall, f1, row);
    }
}
