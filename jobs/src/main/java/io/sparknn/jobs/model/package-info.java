/**
 * Saved PipelineModels as the score and evaluate jobs use them: loading from any Hadoop FS URI
 * with errors that name the path, and the input columns a model reads, checked against a table
 * before any Spark job runs.
 */
package io.sparknn.jobs.model;
