package io.sparknn.train;

/**
 * One epoch of training. Losses are weighted means; accuracy is {@code NaN} for regression;
 * validation figures are {@code NaN} without a validation set.
 */
public record EpochStats(
        int epoch,
        double loss,
        double accuracy,
        double validationLoss,
        double validationAccuracy,
        long samples,
        double seconds) {

    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : Double.NaN;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "epoch %d: loss=%.4f acc=%.4f val_loss=%.4f val_acc=%.4f samples/s=%.0f seconds=%.2f",
                epoch,
                loss,
                accuracy,
                validationLoss,
                validationAccuracy,
                samplesPerSecond(),
                seconds);
    }
}
