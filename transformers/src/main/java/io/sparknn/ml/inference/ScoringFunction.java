package io.sparknn.ml.inference;

import io.sparknn.backend.select.Backends;
import io.sparknn.loss.BinaryCrossEntropy;
import io.sparknn.loss.Loss;
import io.sparknn.loss.MeanSquaredError;
import io.sparknn.loss.SoftmaxCrossEntropy;
import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.Network;
import io.sparknn.sparkio.FeatureReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Scores a partition in mini-batches: rows are buffered {@code batchSize} at a time, their
 * features copied into one array and run through the network with a few GEMMs, and the output
 * columns appended. The model comes from a broadcast (shipped once per executor) and is parsed
 * once per executor JVM ({@link ParsedModels}, bounded); each task builds its own small network
 * over the shared weights and closes it, freeing its native primitives (a short last batch runs
 * on oneDNN), when the partition is done or the task ends early.
 */
public final class ScoringFunction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final ParsedModels PARSED = new ParsedModels(ParsedModels.DEFAULT_CAPACITY);

    /** What a model appends to each row. */
    public enum Output {
        /** rawPrediction (logits), probability, prediction — from a softmax network. */
        SOFTMAX_CLASSIFIER,
        /** The same from a one-unit sigmoid network: raw (-z, z), probability (1-p, p). */
        SIGMOID_CLASSIFIER,
        /** prediction: a double for one output, a vector for several. */
        REGRESSOR
    }

    private final Broadcast<byte[]> model;
    private final Output output;
    private final int featuresIndex;
    private final FeatureReader features;
    private final int batchSize;
    private final boolean[] emit; // raw, probability, prediction
    private final double[] thresholds;
    private final boolean nullOnNonFinite;

    /** As below, failing on a non-finite output ({@link NonFiniteOutput#ERROR}). */
    public ScoringFunction(
            Broadcast<byte[]> model,
            Output output,
            int featuresIndex,
            FeatureReader features,
            int batchSize,
            boolean[] emit,
            double[] thresholds) {
        this(model, output, featuresIndex, features, batchSize, emit, thresholds, false);
    }

    /** @param nullOnNonFinite a row whose output is NaN or infinite gets null prediction columns instead of failing */
    public ScoringFunction(
            Broadcast<byte[]> model,
            Output output,
            int featuresIndex,
            FeatureReader features,
            int batchSize,
            boolean[] emit,
            double[] thresholds,
            boolean nullOnNonFinite) {
        this.nullOnNonFinite = nullOnNonFinite;
        this.model = model;
        this.output = output;
        this.featuresIndex = featuresIndex;
        this.features = features;
        this.batchSize = batchSize;
        this.emit = emit.clone();
        this.thresholds = thresholds == null ? null : thresholds.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SavedNetwork saved = PARSED.get(model.id(), model::value);
        Network net = saved.state().length == 0
                ? Network.withParams(saved.spec(), Backends.getDefault(), saved.weights())
                : Network.withParams(saved.spec(), Backends.getDefault(), saved.weights(), saved.state());
        TaskContext task = TaskContext.get();
        if (task != null) { // a task may stop early (limit, failure): its end closes the network too
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> net.close());
        }
        return new Batches(rows, net);
    }

    private Loss loss() {
        return switch (output) {
            case SOFTMAX_CLASSIFIER -> new SoftmaxCrossEntropy();
            case SIGMOID_CLASSIFIER -> new BinaryCrossEntropy();
            case REGRESSOR -> new MeanSquaredError();
        };
    }

    /** Pulls a batch of input rows, scores it, and hands out the extended rows. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> in;
        private final Network net;
        private final Loss loss;
        private final int width;
        private final float[] x;
        private final List<Row> pending = new ArrayList<>();
        private final List<Row> ready = new ArrayList<>();
        private int next;
        private long rowNumber;

        Batches(Iterator<Row> in, Network net) {
            this.in = in;
            this.net = net;
            this.loss = loss();
            this.width = net.outputShape().size();
            this.x = new float[batchSize * net.spec().inputShape().size()];
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            fill();
            return next < ready.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }

        private void fill() {
            ready.clear();
            pending.clear();
            next = 0;
            int f = net.spec().inputShape().size();
            while (pending.size() < batchSize && in.hasNext()) {
                Row r = in.next();
                features.read(r, featuresIndex, x, pending.size() * f, rowNumber++);
                pending.add(r);
            }
            int b = pending.size();
            if (b == 0) {
                net.close(); // the partition is done
                return;
            }
            float[] out = net.forwardForLoss(x, b, loss);
            for (int i = 0; i < b; i++) {
                ready.add(extend(pending.get(i), out, i, rowNumber - b + i));
            }
        }

        private Row extend(Row r, float[] out, int i, long row) {
            int n = r.length();
            List<Object> values = new ArrayList<>(n + 3);
            for (int c = 0; c < n; c++) {
                values.add(r.get(c));
            }
            int o = i * width;
            int bad = io.sparknn.tensor.Finiteness.firstNonFinite(out, o, o + width);
            if (bad >= 0) {
                return nonFinite(values, out[bad], bad - o, row);
            }
            switch (output) {
                case REGRESSOR -> {
                    if (width == 1) {
                        values.add((double) out[o]);
                    } else {
                        double[] v = new double[width];
                        for (int j = 0; j < width; j++) {
                            v[j] = out[o + j];
                        }
                        values.add(Vectors.dense(v));
                    }
                }
                case SOFTMAX_CLASSIFIER -> classify(values, softmaxRaw(out, o), true);
                case SIGMOID_CLASSIFIER -> classify(values, new double[] {-out[o], out[o]}, false);
                default -> throw new IllegalStateException(output.toString());
            }
            return RowFactory.create(values.toArray());
        }

        /** Null prediction columns if the user asked for them; otherwise an error naming the row. */
        private Row nonFinite(List<Object> values, float value, int outputIndex, long row) {
            if (!nullOnNonFinite) {
                throw NonFiniteOutput.error(
                        outputIndex,
                        value,
                        "row " + row + " of partition " + org.apache.spark.TaskContext.getPartitionId());
            }
            int columns = output == Output.REGRESSOR ? 1 : (emit[0] ? 1 : 0) + (emit[1] ? 1 : 0) + (emit[2] ? 1 : 0);
            for (int c = 0; c < columns; c++) {
                values.add(null);
            }
            return RowFactory.create(values.toArray());
        }

        private double[] softmaxRaw(float[] out, int o) {
            double[] raw = new double[width];
            for (int j = 0; j < width; j++) {
                raw[j] = out[o + j];
            }
            return raw;
        }

        private void classify(List<Object> values, double[] raw, boolean softmax) {
            double[] p = new double[raw.length];
            if (softmax) {
                Predictions.softmax(raw, p);
            } else {
                Predictions.sigmoid(raw[1], p);
            }
            if (emit[0]) {
                values.add(Vectors.dense(raw));
            }
            if (emit[1]) {
                values.add(Vectors.dense(p));
            }
            if (emit[2]) {
                values.add((double) Predictions.argmax(p, thresholds));
            }
        }
    }
}
