package io.sparknn.distributed;

/**
 * Stops training after {@code patience} epochs without a lower validation loss and remembers the
 * best epoch's weights (Keras' {@code restore_best_weights=True}). Every worker sees the same
 * global validation loss, so every worker stops at the same epoch. Off when patience is 0.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private float[] bestWeights;
    private int bestEpoch;
    private int epoch;
    private int sinceBest;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /** Records an epoch's validation loss; true when training should stop. */
    boolean stop(double validationLoss, float[] weights) {
        epoch++;
        if (patience == 0 || Double.isNaN(validationLoss)) {
            return false;
        }
        if (validationLoss < best) {
            best = validationLoss;
            bestWeights = weights.clone();
            bestEpoch = epoch;
            sinceBest = 0;
            return false;
        }
        return ++sinceBest >= patience;
    }

    /** The weights of the best epoch, or null when early stopping is off or never measured. */
    float[] bestWeights() {
        return bestWeights;
    }

    int bestEpoch() {
        return bestEpoch;
    }
}
