package io.sparknn.jobs.train;

import io.sparknn.jobs.FailureCause;

/**
 * Recognises the distributed trainer's refusal to start on the cluster it was given (more
 * workers than task slots, dynamic allocation on). The trainer reports it as an
 * IllegalStateException thrown by its ClusterCheck, before any task runs; for the job it is a
 * configuration error (exit 2), not a failure of the run.
 */
final class ClusterRefusal {
    private static final String CHECK = "io.sparknn.distributed.spark.ClusterCheck";

    private ClusterRefusal() {
    }

    static boolean isOne(Throwable e) {
        for (Throwable t : FailureCause.chain(e)) {
            if (t instanceof IllegalStateException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().equals(CHECK)) {
                return true;
            }
        }
        return false;
    }
}
