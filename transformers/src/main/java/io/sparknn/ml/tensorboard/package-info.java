/**
 * TensorBoard event files written without TensorFlow: the record framing and the few protobuf
 * messages by hand ({@link io.sparknn.ml.tensorboard.EventRecords}), and a run folder on any
 * Hadoop file system filled with a run's scalars and config
 * ({@link io.sparknn.ml.tensorboard.TensorBoardRun}). Shared by the estimators' tensorboardDir
 * param and the train job's output.tensorboard.
 */
package io.sparknn.ml.tensorboard;
