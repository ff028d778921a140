package io.sparknn.ml.inference;

/**
 * Class probabilities from a network's raw outputs, and the predicted class from them with
 * Spark's optional per-class thresholds. One place, so {@code transform} and
 * {@code raw2probability} cannot drift apart.
 */
public final class Predictions {
    private Predictions() {}

    /** Writes {@code softmax(raw)} into {@code p} (may be {@code raw}), shifted by the max for stability. */
    public static void softmax(double[] raw, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : raw) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < raw.length; j++) {
            p[j] = Math.exp(raw[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < raw.length; j++) {
            p[j] /= sum;
        }
    }

    /** Writes the two class probabilities of a single sigmoid logit {@code z} into {@code p[0..1]}. */
    public static void sigmoid(double z, double[] p) {
        double s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        p[0] = 1 - s;
        p[1] = s;
    }

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
