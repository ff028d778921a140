package io.sparknn.train;

import io.sparknn.backend.select.Backends;
import io.sparknn.loss.Loss;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.optim.Adam;
import io.sparknn.optim.Optimizer;
import io.sparknn.optim.schedule.LearningRateSchedule;
import java.util.Objects;

/**
 * How to train: loss, optimizer, learning-rate schedule, batch size, epochs, seed and gradient
 * clipping. Immutable; build with {@link #builder()}, validated in {@link Builder#build()}.
 */
public final class TrainingConfig {
    private final Loss loss;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final double clipNorm;
    private final int threads;

    private TrainingConfig(Builder b) {
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.clipNorm = b.clipNorm;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Loss loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public long seed() {
        return seed;
    }

    /** Maximum global gradient norm; 0 disables clipping. */
    public double clipNorm() {
        return clipNorm;
    }

    /** Threads that run shards of each batch in parallel (see {@link DataParallelStep}). */
    public int threads() {
        return threads;
    }

    /** Defaults: softmax cross-entropy, Adam, constant learning rate 1e-3, batch 32, 10 epochs, seed 0,
     * threads from {@code -Dsparknn.threads} or the core count. */
    public static final class Builder {
        private Loss loss = new SoftmaxCrossEntropy();
        private Optimizer optimizer = new Adam();
        private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3f);
        private int batchSize = 32;
        private int epochs = 10;
        private long seed;
        private double clipNorm;
        private int threads = Backends.defaultThreads();

        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder learningRate(float lr) {
            this.schedule = LearningRateSchedule.constant(lr);
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder clipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /** Default: {@code -Dsparknn.threads}, else the number of available processors. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public TrainingConfig build() {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
                throw new IllegalArgumentException(
                        "clipNorm must be a finite value >= 0 (0 = no clipping), got " + clipNorm);
            }
            return new TrainingConfig(this);
        }
    }
}
