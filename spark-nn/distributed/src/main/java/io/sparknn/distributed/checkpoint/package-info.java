/** Atomic checkpoints of a training run on any Hadoop FileSystem, for resume after a failure. */
package io.sparknn.distributed.checkpoint;
