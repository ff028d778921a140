package io.sparknn.train;

/**
 * One epoch of training. Losses are weighted means; accuracy is {@code NaN} for regression;
 * validation figures are {@code NaN} without a validation set. {@code computeSeconds} and
 * {@code communicationSeconds} split worker 0's epoch into forward/backward/optimizer time and
 * time in the gradient exchange (including waiting for the slowest worker); {@code learningRate}
 * is the rate of the epoch's last step. All three are {@code NaN} when not measured (histories
 * saved before they were recorded).
 */
public record EpochStats(
        int epoch,
        double loss,
        double accuracy,
        double validationLoss,
        double validationAccuracy,
        long samples,
        double seconds,
        double computeSeconds,
        double communicationSeconds,
        double learningRate) {

    /** An epoch without the time split and learning rate. */
    public EpochStats(
            int epoch,
            double loss,
            double accuracy,
            double validationLoss,
            double validationAccuracy,
            long samples,
            double seconds) {
        this(
                epoch,
                loss,
                accuracy,
                validationLoss,
                validationAccuracy,
                samples,
                seconds,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    /** This epoch with the time split and learning rate given. */
    public EpochStats withTiming(double compute, double communication, double rate) {
        return new EpochStats(
                epoch,
                loss,
                accuracy,
                validationLoss,
                validationAccuracy,
                samples,
                seconds,
                compute,
                communication,
                rate);
    }

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
