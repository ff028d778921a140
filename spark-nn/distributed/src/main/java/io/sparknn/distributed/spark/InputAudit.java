package io.sparknn.distributed.spark;

import io.sparknn.tensor.Finiteness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What the workers found while reading their rows, in the one pass that also materialises them:
 * counts of every kind of bad value, the feature and label shapes, the label range and the
 * training rows of each worker. The workers exchange their audits over the ring before the first
 * step ({@link #exchange}: every worker holds the same merged bits) and train only when the merged
 * audit is {@link #acceptable acceptable}; otherwise nothing is trained and the driver explains
 * the first problem from it. This replaces a separate validation job over the input.
 *
 * <p>Labels here are as the training stage reads them: a number (cast to double) or an array of
 * numbers (multi-output regression).
 */
public final class InputAudit {
    private static final byte FORMAT = 1;

    private long rows;
    private long nullFeatures;
    private int minFeatureSize = Integer.MAX_VALUE;
    private int maxFeatureSize = -1;
    private long nullFeatureElements;
    private long nonFiniteFeatures;
    private long nullLabels;
    private long invalidLabels;
    private double minLabel = Double.NaN;
    private double maxLabel = Double.NaN;
    private long nonIntegerLabels;
    private double minNonIntegerLabel = Double.NaN;
    private int minLabelWidth = Integer.MAX_VALUE;
    private int maxLabelWidth = -1;
    private long invalidWeights;
    private double minWeight = Double.NaN;
    private final long[] trainRowsPerWorker;
    private final int rank;

    /** An empty audit of worker {@code rank} of {@code workers}. */
    public InputAudit(int rank, int workers) {
        if (rank < 0 || rank >= workers) {
            throw new IllegalArgumentException("rank " + rank + " is not in [0, " + workers + ")");
        }
        this.trainRowsPerWorker = new long[workers];
        this.rank = rank;
    }

    // ---- recording, one call per row and value -------------------------------------------------

    /** A row was read; {@code training} is false for a validation row. */
    void row(boolean training) {
        rows++;
        if (training) {
            trainRowsPerWorker[rank]++;
        }
    }

    void countNullFeatures() {
        nullFeatures++;
    }

    void featureSize(int n) {
        minFeatureSize = Math.min(minFeatureSize, n);
        maxFeatureSize = Math.max(maxFeatureSize, n);
    }

    void nullFeatureElement() {
        nullFeatureElements++;
    }

    /** A row whose features hold NaN, an infinity, or a value beyond the float range. */
    void countNonFiniteFeatures() {
        nonFiniteFeatures++;
    }

    void nullLabel() {
        nullLabels++;
    }

    /** A scalar label; {@code null} element of a label array goes to {@link #invalidLabel}. */
    void label(double v) {
        labelWidth(1);
        if (!Finiteness.finiteAsFloat(v)) {
            invalidLabels++;
            return;
        }
        minLabel = Double.isNaN(minLabel) ? v : Math.min(minLabel, v);
        maxLabel = Double.isNaN(maxLabel) ? v : Math.max(maxLabel, v);
        if (v != Math.floor(v)) {
            nonIntegerLabels++;
            minNonIntegerLabel = Double.isNaN(minNonIntegerLabel) ? v : Math.min(minNonIntegerLabel, v);
        }
    }

    void labelWidth(int n) {
        minLabelWidth = Math.min(minLabelWidth, n);
        maxLabelWidth = Math.max(maxLabelWidth, n);
    }

    /** A label array with a null, NaN, infinite or out-of-float-range value. */
    void invalidLabel() {
        invalidLabels++;
    }

    void weight(float w, boolean isNull) {
        if (isNull || !Float.isFinite(w)) {
            invalidWeights++;
            return;
        }
        minWeight = Double.isNaN(minWeight) ? w : Math.min(minWeight, w);
    }

    // ---- what the driver and the workers read ----------------------------------------------------

    /** Rows read, training and validation. */
    public long rows() {
        return rows;
    }

    public long nullFeatures() {
        return nullFeatures;
    }

    /** Smallest feature count of a non-null row, or -1 when there is none. */
    public int minFeatureSize() {
        return maxFeatureSize < 0 ? -1 : minFeatureSize;
    }

    /** Largest feature count of a non-null row, or -1 when there is none. */
    public int maxFeatureSize() {
        return maxFeatureSize;
    }

    public long nullFeatureElements() {
        return nullFeatureElements;
    }

    public long nonFiniteFeatures() {
        return nonFiniteFeatures;
    }

    public long nullLabels() {
        return nullLabels;
    }

    public long invalidLabels() {
        return invalidLabels;
    }

    /** Smallest valid scalar label, NaN when there is none (or labels are arrays). */
    public double minLabel() {
        return minLabel;
    }

    /** Largest valid scalar label, NaN when there is none (or labels are arrays). */
    public double maxLabel() {
        return maxLabel;
    }

    public long nonIntegerLabels() {
        return nonIntegerLabels;
    }

    /** The smallest non-integer label, NaN when there is none. */
    public double minNonIntegerLabel() {
        return minNonIntegerLabel;
    }

    /** Smallest number of label values in a row (1 for scalar labels), -1 when there is none. */
    public int minLabelWidth() {
        return maxLabelWidth < 0 ? -1 : minLabelWidth;
    }

    public int maxLabelWidth() {
        return maxLabelWidth;
    }

    public long invalidWeights() {
        return invalidWeights;
    }

    /** Smallest valid weight, NaN when there is none. */
    public double minWeight() {
        return minWeight;
    }

    /** Training (not validation) rows of each worker. */
    public long[] trainRowsPerWorker() {
        return trainRowsPerWorker.clone();
    }

    public long trainRows() {
        return Arrays.stream(trainRowsPerWorker).sum();
    }

    /**
     * Whether training may start: no bad value anywhere, every row of the network's input and
     * label width, class labels (when {@code classes > 0}) integers in {@code [0, classes)},
     * non-negative weights, at least {@code batchSize} training rows and some for every worker.
     */
    public boolean acceptable(int inputSize, int labelWidth, int classes, int batchSize) {
        boolean clean = rows > 0
                && nullFeatures == 0
                && nullFeatureElements == 0
                && nonFiniteFeatures == 0
                && nullLabels == 0
                && invalidLabels == 0
                && invalidWeights == 0
                && (maxFeatureSize < 0 || (minFeatureSize == inputSize && maxFeatureSize == inputSize))
                && (maxLabelWidth < 0 || (minLabelWidth == labelWidth && maxLabelWidth == labelWidth))
                && !(minWeight < 0);
        boolean classesOk = classes <= 0 || (nonIntegerLabels == 0 && !(minLabel < 0) && !(maxLabel >= classes));
        boolean spread =
                trainRows() >= batchSize && Arrays.stream(trainRowsPerWorker).allMatch(n -> n > 0);
        return clean && classesOk && spread;
    }

    /** Adds {@code other}'s findings to this audit. Merge in rank order for identical results. */
    void merge(InputAudit other) {
        if (other.trainRowsPerWorker.length != trainRowsPerWorker.length) {
            throw new IllegalArgumentException("Audits of " + other.trainRowsPerWorker.length + " and "
                    + trainRowsPerWorker.length + " workers cannot be merged");
        }
        rows += other.rows;
        nullFeatures += other.nullFeatures;
        minFeatureSize = Math.min(minFeatureSize, other.minFeatureSize);
        maxFeatureSize = Math.max(maxFeatureSize, other.maxFeatureSize);
        nullFeatureElements += other.nullFeatureElements;
        nonFiniteFeatures += other.nonFiniteFeatures;
        nullLabels += other.nullLabels;
        invalidLabels += other.invalidLabels;
        minLabel = min(minLabel, other.minLabel);
        maxLabel = max(maxLabel, other.maxLabel);
        nonIntegerLabels += other.nonIntegerLabels;
        minNonIntegerLabel = min(minNonIntegerLabel, other.minNonIntegerLabel);
        minLabelWidth = Math.min(minLabelWidth, other.minLabelWidth);
        maxLabelWidth = Math.max(maxLabelWidth, other.maxLabelWidth);
        invalidWeights += other.invalidWeights;
        minWeight = min(minWeight, other.minWeight);
        for (int w = 0; w < trainRowsPerWorker.length; w++) {
            trainRowsPerWorker[w] += other.trainRowsPerWorker[w];
        }
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    // ---- exchange over the ring, and a codec for the driver ---------------------------------------

    /** Values of one worker's audit in {@link #exchange}: its own fields and its training rows. */
    private static final int EXCHANGED = 17;

    /**
     * Every worker's audit, merged in rank order: each worker writes its audit into its own slot
     * of an array of zeros and the ring sums the arrays, which copies every slot exactly (x + 0 is
     * x, for NaN too, and the counts stay far below 2^53). Every worker gets the same bits.
     */
    static InputAudit exchange(io.sparknn.distributed.collective.Collective collective, InputAudit own) {
        int workers = collective.size();
        double[] all = new double[workers * EXCHANGED];
        double[] mine = {
            own.rows,
            own.nullFeatures,
            own.nullFeatureElements,
            own.nonFiniteFeatures,
            own.nullLabels,
            own.invalidLabels,
            own.nonIntegerLabels,
            own.invalidWeights,
            own.minFeatureSize,
            own.maxFeatureSize,
            own.minLabelWidth,
            own.maxLabelWidth,
            own.minLabel,
            own.maxLabel,
            own.minNonIntegerLabel,
            own.minWeight,
            own.trainRowsPerWorker[own.rank]
        };
        System.arraycopy(mine, 0, all, own.rank * EXCHANGED, EXCHANGED);
        collective.allReduceSum(all);
        InputAudit merged = null;
        for (int w = 0; w < workers; w++) {
            InputAudit a = new InputAudit(w, workers);
            int o = w * EXCHANGED;
            a.rows = (long) all[o];
            a.nullFeatures = (long) all[o + 1];
            a.nullFeatureElements = (long) all[o + 2];
            a.nonFiniteFeatures = (long) all[o + 3];
            a.nullLabels = (long) all[o + 4];
            a.invalidLabels = (long) all[o + 5];
            a.nonIntegerLabels = (long) all[o + 6];
            a.invalidWeights = (long) all[o + 7];
            a.minFeatureSize = (int) all[o + 8];
            a.maxFeatureSize = (int) all[o + 9];
            a.minLabelWidth = (int) all[o + 10];
            a.maxLabelWidth = (int) all[o + 11];
            a.minLabel = all[o + 12];
            a.maxLabel = all[o + 13];
            a.minNonIntegerLabel = all[o + 14];
            a.minWeight = all[o + 15];
            a.trainRowsPerWorker[w] = (long) all[o + 16];
            if (merged == null) {
                merged = a;
            } else {
                merged.merge(a);
            }
        }
        return merged;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(rank);
            out.writeInt(trainRowsPerWorker.length);
            for (long n : trainRowsPerWorker) {
                out.writeLong(n);
            }
            for (long n : new long[] {
                rows,
                nullFeatures,
                nullFeatureElements,
                nonFiniteFeatures,
                nullLabels,
                invalidLabels,
                nonIntegerLabels,
                invalidWeights
            }) {
                out.writeLong(n);
            }
            for (int n : new int[] {minFeatureSize, maxFeatureSize, minLabelWidth, maxLabelWidth}) {
                out.writeInt(n);
            }
            for (double d : new double[] {minLabel, maxLabel, minNonIntegerLabel, minWeight}) {
                out.writeDouble(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static InputAudit decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("Input audit of unknown format " + format);
            }
            int rank = in.readInt();
            int workers = in.readInt();
            InputAudit a = new InputAudit(rank, workers);
            for (int w = 0; w < workers; w++) {
                a.trainRowsPerWorker[w] = in.readLong();
            }
            a.rows = in.readLong();
            a.nullFeatures = in.readLong();
            a.nullFeatureElements = in.readLong();
            a.nonFiniteFeatures = in.readLong();
            a.nullLabels = in.readLong();
            a.invalidLabels = in.readLong();
            a.nonIntegerLabels = in.readLong();
            a.invalidWeights = in.readLong();
            a.minFeatureSize = in.readInt();
            a.maxFeatureSize = in.readInt();
            a.minLabelWidth = in.readInt();
            a.maxLabelWidth = in.readInt();
            a.minLabel = in.readDouble();
            a.maxLabel = in.readDouble();
            a.minNonIntegerLabel = in.readDouble();
            a.minWeight = in.readDouble();
            return a;
        } catch (IOException e) {
            throw new IllegalStateException("Malformed input audit from a worker", e);
        }
    }

    /**
     * A plain account of the first problem, for callers of the distributed trainer that have no
     * better explanation (the estimators name the offending row and value).
     */
    public String describe(DistributedOptions o, int inputSize, int labelWidth, int classes, int batchSize) {
        String f = "Column '" + o.featuresCol() + "'";
        String l = "Column '" + o.labelCol() + "'";
        if (rows == 0) {
            return "The training data is empty: there is nothing to train on.";
        }
        if (nullFeatures > 0) {
            return f + " is null in " + nullFeatures + " row(s). Drop or impute rows with missing features.";
        }
        if (maxFeatureSize >= 0 && (minFeatureSize != inputSize || maxFeatureSize != inputSize)) {
            return f + " has " + (minFeatureSize != inputSize ? minFeatureSize : maxFeatureSize)
                    + " values in some row(s) but the network expects " + inputSize + ".";
        }
        if (nullFeatureElements > 0) {
            return f + " has null values in " + nullFeatureElements + " row(s). Impute or drop them.";
        }
        if (nonFiniteFeatures > 0) {
            return f + " has NaN, Infinity or values beyond the float range in " + nonFiniteFeatures
                    + " row(s). Replace or drop them.";
        }
        if (nullLabels > 0) {
            return l + " is null in " + nullLabels + " row(s). Drop rows without a label.";
        }
        if (invalidLabels > 0) {
            return l + " has null, NaN, Infinity or values beyond the float range in " + invalidLabels + " row(s).";
        }
        if (maxLabelWidth >= 0 && (minLabelWidth != labelWidth || maxLabelWidth != labelWidth)) {
            return l + " has " + (minLabelWidth != labelWidth ? minLabelWidth : maxLabelWidth)
                    + " value(s) per row but the loss needs " + labelWidth + ".";
        }
        if (classes > 0 && (nonIntegerLabels > 0 || minLabel < 0 || maxLabel >= classes)) {
            return l + " holds labels from " + minLabel + " to " + maxLabel + " but class labels must be integers 0.."
                    + (classes - 1) + " for the network's outputs.";
        }
        if (invalidWeights > 0 || minWeight < 0) {
            return "Column '" + o.weightCol() + "' has " + invalidWeights
                    + " null or non-finite weight(s); the smallest weight is " + minWeight
                    + ". Weights must be finite and >= 0.";
        }
        String spread = TrainingPreflight.rowsPerWorkerProblem(trainRowsPerWorker);
        if (spread != null) {
            return spread;
        }
        return "The batch size " + batchSize + " is larger than the " + trainRows() + " training rows. Lower the "
                + "batch size or train on more data.";
    }
}
