package io.sparknn.distributed.spark;

import io.sparknn.nn.NetworkSpec;
import io.sparknn.train.TrainingConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

/**
 * Checks on the driver, before the training stage, for failures that would otherwise repeat on
 * every retry of the stage and end as Spark's "failed the maximum allowable number of times":
 * an unwritable checkpoint directory, a worker without training rows, and a network and batch
 * that cannot fit the executor heap (which kills the executor JVM instead of failing cleanly).
 */
final class TrainingPreflight {
    /** Heap Spark keeps for itself before any user memory (its RESERVED_SYSTEM_MEMORY_BYTES). */
    static final long SPARK_RESERVED_BYTES = 300L << 20;

    private TrainingPreflight() {}

    /**
     * Creates the checkpoint directory if needed and writes and deletes a probe file in it, as
     * the workers will; throws {@link TrainingSetupException} naming the directory otherwise.
     */
    static void checkCheckpointDir(String dir, Configuration conf) {
        Path path = new Path(dir);
        Path probe = new Path(path, ".sparknn-write-check-" + UUID.randomUUID());
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (fs.exists(path)) {
                FileStatus st = fs.getFileStatus(path);
                if (!st.isDirectory()) {
                    throw new TrainingSetupException("checkpointDir " + dir + " is a file, not a directory. Give a "
                            + "directory (it is created if missing), e.g. " + dir + "-checkpoints.");
                }
            } else if (!fs.mkdirs(path)) {
                throw new IOException("mkdirs returned false");
            }
            try (FSDataOutputStream out = fs.create(probe, false)) {
                out.write(1);
            }
            if (!fs.delete(probe, false)) {
                throw new IOException("could not delete the probe file " + probe);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TrainingSetupException t) {
                throw t;
            }
            throw new TrainingSetupException(
                    "Checkpoints cannot be written to checkpointDir " + dir + ": " + e
                            + ". The workers write there every checkpoint interval, so training would fail on every retry. "
                            + "Give the job's user write access to it, or choose another checkpointDir.",
                    e);
        }
    }

    /**
     * Fails when {@link WorkerMemoryEstimate} exceeds the heap of the JVM the workers run in, less
     * what Spark reserves.
     *
     * @param heapBytes the executor heap (the driver's in local mode)
     * @param heapSetting the setting that sizes it, for the message
     */
    static void checkMemory(NetworkSpec spec, TrainingConfig cfg, int workers, long heapBytes, String heapSetting) {
        WorkerMemoryEstimate m = WorkerMemoryEstimate.of(spec, cfg, workers);
        long usable = heapBytes - SPARK_RESERVED_BYTES;
        if (m.total() > usable) {
            throw new TrainingSetupException(String.format(
                    "A worker needs at least %s of heap for a network of %,d parameters with a global batch of %d on %d "
                            + "worker(s) x %d thread(s) (%s), but the executor heap leaves %s (%s less Spark's reserved "
                            + "300 MiB; %s). Raise %s, or use a smaller network, batch or fewer threads per worker.",
                    WorkerMemoryEstimate.mib(m.total()),
                    spec.paramCount(),
                    cfg.batchSize(),
                    workers,
                    cfg.threads(),
                    m.describe(),
                    WorkerMemoryEstimate.mib(Math.max(0, usable)),
                    WorkerMemoryEstimate.mib(heapBytes),
                    heapSetting,
                    heapSetting.substring(0, heapSetting.indexOf('='))));
        }
    }

    /** The heap of one executor and the setting that sizes it ("name=value"). */
    static long executorHeap(SparkConf conf, String master, StringBuilder setting) {
        if (ClusterCheck.isLocal(master)) {
            long max = Runtime.getRuntime().maxMemory();
            setting.append("spark.driver.memory=").append(conf.get("spark.driver.memory", (max >> 20) + "m"));
            return max;
        }
        String value = conf.get("spark.executor.memory", "1g");
        setting.append("spark.executor.memory=").append(value);
        return conf.getSizeAsBytes("spark.executor.memory", "1g");
    }

    /** Why the training rows cannot be spread as they are (a worker without rows), or null. */
    static String rowsPerWorkerProblem(long[] trainRows) {
        long total = Arrays.stream(trainRows).sum();
        for (int w = 0; w < trainRows.length; w++) {
            if (trainRows[w] == 0) {
                long nonEmpty = Arrays.stream(trainRows).filter(c -> c > 0).count();
                return "Worker " + w + " of " + trainRows.length + " would train on no rows: the " + total
                        + " training row(s) split as " + Arrays.toString(trainRows) + " over numWorkers="
                        + trainRows.length + ". Every worker needs rows of its own; use fewer workers (this data "
                        + "filled " + nonEmpty + " of " + trainRows.length + ") or more training data.";
            }
        }
        return null;
    }
}
