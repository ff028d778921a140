/**
 * The train job's TensorBoard run: the step figures recorded while training
 * ({@link io.sparknn.jobs.tensorboard.StepRecorder}) and the finished run written with the
 * config as text ({@link io.sparknn.jobs.tensorboard.TrainingEvents}), in the event format of
 * {@link io.sparknn.ml.tensorboard}.
 */
package io.sparknn.jobs.tensorboard;
