package io.sparknn.data;

import io.sparknn.tensor.Shape;

import java.util.Objects;

/**
 * An in-memory labelled dataset: {@code size} samples of {@link #featureShape()} in one
 * row-major array, {@code labelWidth} label floats per sample, and optional per-sample weights.
 */
public final class Dataset {
    private final float[] features;
    private final float[] labels;
    private final float[] weights;
    private final Shape featureShape;
    private final int labelWidth;
    private final int size;

    public Dataset(float[] features, Shape featureShape, float[] labels, int labelWidth, float[] weights) {
        this.features = Objects.requireNonNull(features, "features");
        this.featureShape = Objects.requireNonNull(featureShape, "featureShape");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (labelWidth <= 0) {
            throw new IllegalArgumentException("labelWidth must be positive, got " + labelWidth);
        }
        this.labelWidth = labelWidth;
        if (features.length % featureShape.size() != 0) {
            throw new IllegalArgumentException(features.length + " feature values are not a whole number of samples of shape " + featureShape);
        }
        this.size = features.length / featureShape.size();
        if (labels.length != (long) size * labelWidth) {
            throw new IllegalArgumentException(size + " samples need " + (long) size * labelWidth + " label values, got " + labels.length);
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

    public float[] features() {
        return features;
    }

    public float[] labels() {
        return labels;
    }

    /** Per-sample weights, or {@code null} when all are 1. */
    public float[] weights() {
        return weights;
    }

    /** The first {@code n} samples (copies). */
    public Dataset head(int n) {
        int k = Math.min(n, size);
        return slice(0, k);
    }

    /** Samples {@code [from, to)} (copies). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside [0, " + size + ")");
        }
        int f = featureSize();
        return new Dataset(java.util.Arrays.copyOfRange(features, from * f, to * f), featureShape,
                java.util.Arrays.copyOfRange(labels, from * labelWidth, to * labelWidth), labelWidth,
                weights == null ? null : java.util.Arrays.copyOfRange(weights, from, to));
    }
}
