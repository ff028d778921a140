/**
 * The export job: a saved spark-nn model (PipelineModel or model directory) written as an ONNX
 * model for serving outside Spark.
 */
package io.sparknn.jobs.export;
