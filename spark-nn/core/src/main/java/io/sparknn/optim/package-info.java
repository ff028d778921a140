/**
 * Optimizers that update a flat parameter vector, or any slice of it, in place.
 * An {@link io.sparknn.optim.Optimizer} is an immutable configuration; the moments it keeps
 * live in an {@link io.sparknn.optim.OptimizerState} sized for one slice, so a sharded
 * trainer can give each worker the state of its own slice only. Global-norm gradient clipping
 * and the learning-rate schedules of {@code io.sparknn.optim.schedule} complete the update rule.
 */
package io.sparknn.optim;
