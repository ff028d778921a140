package io.sparknn.data;

import io.sparknn.tensor.Shape;
import java.util.Objects;

/**
 * A labelled dataset: {@code size} samples of {@link #featureShape()} row-major, {@code labelWidth}
 * label floats per sample, and optional per-sample weights. The features live in one array or,
 * for data larger than memory allows, in a read-only buffer (a memory-mapped spill file); read
 * them with {@link #copyFeatures}, which works for both.
 */
public final class LabeledSamples {
    private final float[] features;
    private final java.nio.FloatBuffer featureBuffer;
    private final float[] labels;
    private final float[] weights;
    private final Shape featureShape;
    private final int labelWidth;
    private final int size;

    public LabeledSamples(float[] features, Shape featureShape, float[] labels, int labelWidth, float[] weights) {
        this(
                Objects.requireNonNull(features, "features"),
                null,
                features.length,
                featureShape,
                labels,
                labelWidth,
                weights);
    }

    /** Features in a buffer (e.g. a memory-mapped spill file) holding exactly the samples' values. */
    public LabeledSamples(
            java.nio.FloatBuffer features, Shape featureShape, float[] labels, int labelWidth, float[] weights) {
        this(
                null,
                Objects.requireNonNull(features, "features"),
                features.capacity(),
                featureShape,
                labels,
                labelWidth,
                weights);
    }

    private LabeledSamples(
            float[] array,
            java.nio.FloatBuffer buffer,
            int featureValues,
            Shape featureShape,
            float[] labels,
            int labelWidth,
            float[] weights) {
        this.features = array;
        this.featureBuffer = buffer;
        this.featureShape = Objects.requireNonNull(featureShape, "featureShape");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (labelWidth <= 0) {
            throw new IllegalArgumentException("labelWidth must be positive, got " + labelWidth);
        }
        this.labelWidth = labelWidth;
        if (featureValues % featureShape.size() != 0) {
            throw new IllegalArgumentException(
                    featureValues + " feature values are not a whole number of samples of shape " + featureShape);
        }
        this.size = featureValues / featureShape.size();
        if (labels.length != (long) size * labelWidth) {
            throw new IllegalArgumentException(
                    size + " samples need " + (long) size * labelWidth + " label values, got " + labels.length);
        }
        if (weights != null && weights.length != size) {
            throw new IllegalArgumentException(size + " samples need " + size + " weights, got " + weights.length);
        }
        this.weights = weights;
    }

    public int size() {
        return size;
    }

    public Shape featureShape() {
        return featureShape;
    }

    public int featureSize() {
        return featureShape.size();
    }

    public int labelWidth() {
        return labelWidth;
    }

    /** The feature array; for a buffer-backed dataset use {@link #copyFeatures}. */
    public float[] features() {
        if (features == null) {
            throw new IllegalStateException("This dataset's features are in a spill file; read them with copyFeatures");
        }
        return features;
    }

    /** Whether the features live in a buffer (spilled) rather than an array. */
    public boolean isBuffered() {
        return features == null;
    }

    /** Copies samples {@code [row, row + count)} to {@code dst[off ..]}; safe from several threads. */
    public void copyFeatures(int row, int count, float[] dst, int off) {
        int f = featureShape.size();
        if (features != null) {
            System.arraycopy(features, row * f, dst, off, count * f);
        } else {
            featureBuffer.get(row * f, dst, off, count * f); // absolute: no shared position
        }
    }

    public float[] labels() {
        return labels;
    }

    /** Per-sample weights, or {@code null} when all are 1. */
    public float[] weights() {
        return weights;
    }

    /** The first {@code n} samples (copies). */
    public LabeledSamples head(int n) {
        int k = Math.min(n, size);
        return slice(0, k);
    }

    /** Samples {@code [from, to)} (copies). */
    public LabeledSamples slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside [0, " + size + ")");
        }
        int f = featureSize();
        float[] x = new float[(to - from) * f];
        copyFeatures(from, to - from, x, 0);
        return new LabeledSamples(
                x,
                featureShape,
                java.util.Arrays.copyOfRange(labels, from * labelWidth, to * labelWidth),
                labelWidth,
                weights == null ? null : java.util.Arrays.copyOfRange(weights, from, to));
    }
}
