/**
 * The {@code import} job: a model file of another framework (Keras {@code .keras}/{@code .h5};
 * ONNX when its importer is on the classpath) into a scoring-ready spark-nn PipelineModel.
 * Formats plug in through {@link io.sparknn.jobs.modelimport.ModelFormat}, chosen by file extension.
 */
package io.sparknn.jobs.modelimport;
