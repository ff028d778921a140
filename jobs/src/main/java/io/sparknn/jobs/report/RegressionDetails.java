package io.sparknn.jobs.report;

/**
 * A seeded sample of held-out (actual, predicted) pairs of a single-output regressor, for the
 * scatter plot and residual histogram; {@code rows} is how many rows were evaluated in all.
 */
public record RegressionDetails(double[] actual, double[] predicted, long rows) {}
