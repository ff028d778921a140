/**
 * TensorBoard event files written without TensorFlow: the record framing and the few protobuf
 * messages by hand ({@link io.sparknn.jobs.tensorboard.EventRecords}), and a run folder on any
 * Hadoop file system that a train run fills with its scalars and config
 * ({@link io.sparknn.jobs.tensorboard.TensorBoardRun}).
 */
package io.sparknn.jobs.tensorboard;
