/**
 * Training objectives. Each loss returns a weighted sum and a scaled gradient so that local and
 * distributed training normalise the same way; softmax and sigmoid are fused into their
 * cross-entropies for numerical stability.
 */
package io.sparknn.loss;
