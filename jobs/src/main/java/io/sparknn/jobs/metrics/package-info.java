/**
 * What a job reports: model metrics from MLlib's evaluators, the metrics JSON for Airflow,
 * the Delta metrics table row and the self-contained HTML training report.
 */
package io.sparknn.jobs.metrics;
