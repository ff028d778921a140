package io.sparknn.distributed.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Checks, before any job runs, that the cluster can run the barrier stage: Spark rejects barrier
 * stages under dynamic allocation and waits forever (or fails late) without enough task slots,
 * and math threads beyond the cores would make every worker slower.
 */
final class ClusterCheck {
    private ClusterCheck() {}

    /** How the threads of a worker are accounted for. */
    enum ThreadPlan {
        /** spark.task.cpus already equals the threads per worker (or both are 1). */
        TASK_CPUS,
        /** The training stage requests the threads through stage-level scheduling. */
        STAGE_LEVEL,
        /** Local mode: checked against the local cores. */
        LOCAL
    }

    /** One JVM: local, local[N], local[*] (local-cluster[...] is a standalone cluster). */
    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    static ThreadPlan check(SparkContext sc, int numWorkers, int threadsPerWorker) {
        return check(sc.getConf(), sc.master(), sc.defaultParallelism(), numWorkers, threadsPerWorker);
    }

    /** @param cores the cores Spark can run tasks on (its default parallelism) */
    static ThreadPlan check(SparkConf conf, String master, int cores, int numWorkers, int threadsPerWorker) {
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            throw new TrainingSetupException("spark-nn trains in a Spark barrier stage, which Spark does not run while "
                    + "dynamic allocation is on (spark.dynamicAllocation.enabled=true). Set "
                    + "spark.dynamicAllocation.enabled=false and request a fixed number of executors "
                    + "(spark.executor.instances) for the training job.");
        }
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        if (isLocal(master)) {
            if ((long) numWorkers * threadsPerWorker > cores) {
                throw new TrainingSetupException("numWorkers=" + numWorkers + " x threadsPerWorker=" + threadsPerWorker
                        + " = " + (long) numWorkers * threadsPerWorker + " math threads, but Spark runs with " + cores
                        + " core(s) (" + master
                        + "). Lower numWorkers or threadsPerWorker so that their product is at most "
                        + cores + ", or start Spark with more cores, e.g. local[" + (long) numWorkers * threadsPerWorker
                        + "].");
            }
            return ThreadPlan.LOCAL;
        }
        int slots = cores / Math.max(1, taskCpus);
        int needed = threadsPerWorker == taskCpus ? numWorkers : numWorkers * threadsPerWorker / Math.max(1, taskCpus);
        if (slots < needed) {
            throw new TrainingSetupException("Training needs " + numWorkers + " barrier tasks of " + threadsPerWorker
                    + " core(s) each running at the same time, but the cluster has " + cores + " executor core(s) ("
                    + slots + " task slot(s) at spark.task.cpus=" + taskCpus + "). Lower numWorkers, or add executors "
                    + "(spark.executor.instances / spark.executor.cores).");
        }
        return threadsPerWorker == taskCpus ? ThreadPlan.TASK_CPUS : ThreadPlan.STAGE_LEVEL;
    }
}
