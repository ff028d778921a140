package io.sparknn.distributed;

import io.sparknn.distributed.collective.Collective;

/**
 * Each worker updates its running statistics (BatchNormalization) from its own shards; the model
 * keeps their mean over the workers, as with unsynchronised BatchNormalization in other
 * data-parallel trainers.
 */
final class RunningStatistics {
    private RunningStatistics() {}

    /** Replaces {@code state} on every worker by its mean over the workers. */
    static void averageOverWorkers(Collective collective, float[] state) {
        if (state.length == 0) {
            return;
        }
        collective.allReduceSum(state, 0, state.length);
        float inv = 1f / collective.size();
        for (int i = 0; i < state.length; i++) {
            state[i] *= inv;
        }
    }
}
