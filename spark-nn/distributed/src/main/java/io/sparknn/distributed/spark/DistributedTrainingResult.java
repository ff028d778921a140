package io.sparknn.distributed.spark;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.EpochStats;
import java.util.List;

/**
 * A finished distributed run: the network, its trained weights and state, the per-epoch history
 * (global figures; when the run resumed from a checkpoint it includes the epochs before it),
 * the number of optimizer steps, the epoch it resumed from (0 for a fresh run), and what the
 * workers found in the rows they read ({@link InputAudit}: row counts, label range).
 */
public record DistributedTrainingResult(
        NetworkSpec spec,
        float[] weights,
        float[] state,
        List<EpochStats> history,
        long globalSteps,
        int resumedFromEpoch,
        InputAudit input) {}
