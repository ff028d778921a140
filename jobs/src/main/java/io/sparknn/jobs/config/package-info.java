/**
 * Job configs: YAML files in {@code conf/} bound strictly to immutable records, with
 * {@code --set key=value} overrides, and the estimator section applied to Spark params by name.
 */
package io.sparknn.jobs.config;
