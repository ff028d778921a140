/**
 * Training on one machine: the mini-batch loop, seeds derived from the user's seed, per-epoch
 * statistics and evaluation. The distributed trainer reuses the same pieces per worker.
 */
package io.sparknn.train;
