/**
 * Learning-rate schedules: the rate an optimizer uses at each global step (constant, step,
 * exponential and cosine decay, and linear warm-up around any of them). Schedules are
 * immutable values with a JSON form read by
 * {@link io.sparknn.optim.schedule.LearningRateSchedules#fromJson}.
 */
package io.sparknn.optim.schedule;
