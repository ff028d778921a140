package io.sparknn.train;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.tensor.Finiteness;
import java.util.Locale;

/**
 * Stops training as soon as it diverges, shared by the local trainer and the distributed worker.
 *
 * <p>The loss is checked after every step: it is one scalar the step computes anyway, and it
 * turns NaN or infinite within a step of the weights overflowing (a NaN weight reaches every
 * output it feeds). Weights behind a unit that hides them (a ReLU clamps NaN to zero in some
 * backends, a frozen or dead path) can stay invisible to the loss, so the weights are scanned
 * once per epoch as well: one pass over the parameters per pass over the data costs nothing
 * measurable, whereas a scan per step would add a parameter-sized pass to every step.
 */
public final class DivergenceCheck {
    private final NetworkSpec spec;
    private final TrainingConfig config;

    public DivergenceCheck(NetworkSpec spec, TrainingConfig config) {
        this.spec = spec;
        this.config = config;
    }

    /**
     * Throws if {@code lossSum}, the summed loss of a step, is not finite.
     *
     * @param epoch      from 0
     * @param step       the step within the epoch, from 0
     * @param globalStep updates applied before this step
     */
    public void loss(double lossSum, int epoch, int step, long globalStep) {
        if (!Double.isFinite(lossSum)) {
            throw diverged("the training loss of the batch is " + lossSum, epoch, step, globalStep);
        }
    }

    /**
     * Throws for a step whose summed gradients came back non-finite from the other workers: one
     * of them saw a non-finite loss or gradient (distributed training).
     */
    public void gradients(int epoch, int step, long globalStep) {
        throw diverged(
                "the loss or the gradients summed over the workers are NaN or infinite", epoch, step, globalStep);
    }

    /** Throws if a weight is not finite after {@code epoch} (from 0). */
    public void weights(float[] params, int epoch, long globalStep) {
        int bad = Finiteness.firstNonFinite(params);
        if (bad >= 0) {
            throw diverged(
                    "weight " + bad + " (in " + spec.layerName(spec.layerOfParam(bad)) + ") is " + params[bad]
                            + " at the end of the epoch",
                    epoch,
                    -1,
                    globalStep);
        }
    }

    /** Throws if a running statistic (BatchNormalization state) is not finite after {@code epoch} (from 0). */
    public void state(float[] state, int epoch, long globalStep) {
        int bad = Finiteness.firstNonFinite(state);
        if (bad >= 0) {
            throw diverged(
                    "BatchNormalization running statistic " + bad + " is " + state[bad] + " at the end of the epoch",
                    epoch,
                    -1,
                    globalStep);
        }
    }

    /** Throws for running statistics another worker found non-finite (distributed training). */
    public void stateOnAnotherWorker(int epoch, long globalStep) {
        throw diverged(
                "a BatchNormalization running statistic is NaN or infinite on another worker at the end of "
                        + "the epoch",
                epoch,
                -1,
                globalStep);
    }

    private TrainingDivergedException diverged(String what, int epoch, int step, long globalStep) {
        String where = step < 0
                ? "in epoch " + (epoch + 1)
                : "in epoch " + (epoch + 1) + ", step " + (step + 1) + " (update " + (globalStep + 1) + ")";
        String message = String.format(
                Locale.ROOT,
                "Training diverged %s: %s. Continuing would train and save a "
                        + "model that predicts NaN. The learning rate (%s at this step, %s optimizer) is probably too high, "
                        + "or feature or label values are too large for float arithmetic. Lower the learning rate (e.g. by "
                        + "10x), scale the features and labels (e.g. with StandardScaler), or set a gradient clip norm (gradientClipNorm).",
                where,
                what,
                config.schedule().rate(Math.max(0, globalStep)),
                config.optimizer().name());
        return new TrainingDivergedException(message, epoch + 1, globalStep);
    }
}
