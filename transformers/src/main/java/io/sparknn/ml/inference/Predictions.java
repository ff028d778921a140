package io.sparknn.ml.inference;

/** The predicted class from probabilities, with Spark's optional per-class thresholds. */
public final class Predictions {
    private Predictions() {}

    /**
     * {@code argmax_i p_i / t_i} when thresholds are given (a zero threshold wins outright, as in
     * Spark's ProbabilisticClassificationModel), else {@code argmax_i p_i}; ties go to the lower index.
     */
    public static int argmax(double[] p, double[] thresholds) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            double score;
            if (thresholds == null) {
                score = p[i];
            } else if (thresholds[i] == 0) {
                score = Double.POSITIVE_INFINITY;
            } else {
                score = p[i] / thresholds[i];
            }
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }
}
