package io.sparknn.distributed;

/**
 * This worker's part of one global batch: rows {@code order[start .. start + count)} of its local
 * data, the size of the global batch, and the position of its first row within it (which keeps
 * per-sample random choices independent of how the batch is split).
 */
public record Batch(int[] order, int start, int count, int globalCount, long sampleOffset) {}
