package io.sparknn.jobs.report;

/**
 * A held-out image the model got wrong with high confidence: its pixels (channels, height,
 * width, row-major as the network reads them), the true and the predicted class and the
 * predicted class's probability.
 */
public record Misclassified(
        int label, int predicted, double confidence, int channels, int height, int width, float[] pixels) {}
