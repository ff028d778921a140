package io.sparknn.bench.distributed;

import io.sparknn.distributed.collective.Collective;
import io.sparknn.distributed.collective.RingEncryption;
import io.sparknn.distributed.collective.TcpCollective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark of {@link TcpCollective#allReduceSum(float[], int, int)} between separate JVMs on
 * 127.0.0.1. The coordinator (this main) starts {@code --workers} JVMs with the current java and
 * classpath; they meet through port files in a private temporary directory that also holds the
 * run's secret, run {@code --warmup} then {@code --iterations} all-reduces of {@code --floats}
 * floats, and rank 0 prints one line, which the coordinator repeats:
 *
 * <pre>
 * RESULT bench=allreduce mode=jvm encrypted=false floats=1000000 workers=2 iterations=50
 *     median_ms=... p90_ms=... min_ms=... gbps=... check=ok
 * </pre>
 *
 * Each iteration is timed at rank 0 from just after a {@link Collective#barrier()} to the end
 * of the all-reduce. {@code gbps} is the bus bandwidth at the median time, in 10^9 bytes per
 * second: array bytes × 2(N-1)/N (what each rank sends in a ring all-reduce) / median time.
 * {@code check=ok} means every element equalled the exact sum.
 *
 * <p>Usage: {@code AllReduceBenchmark [--workers 2] [--floats 1000000] [--iterations 50]
 * [--warmup 20] [--encrypt]} ({@code --encrypt}: {@link RingEncryption#AES_GCM}). System properties {@code sparknn.*} are passed on to the workers.
 */
public final class AllReduceBenchmark {
    private static final long RUN_LIMIT_SECONDS = 600;

    private AllReduceBenchmark() {}

    /** Benchmark settings from the command line. */
    record Options(int workers, int floats, int iterations, int warmup, int rank, Path dir, boolean encrypt) {
        static Options parse(String[] args) {
            int workers = 2;
            int floats = 1_000_000;
            int iterations = 50;
            int warmup = 20;
            int rank = -1;
            Path dir = null;
            boolean encrypt = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--encrypt")) {
                    encrypt = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--workers" -> workers = positive(args[i], value);
                    case "--floats" -> floats = positive(args[i], value);
                    case "--iterations" -> iterations = positive(args[i], value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--worker-rank" -> rank = Integer.parseInt(value);
                    case "--worker-dir" -> dir = Path.of(value);
                    default ->
                        throw new IllegalArgumentException("unknown option '" + args[i]
                                + "'; options: --workers N --floats F --iterations I --warmup W --encrypt");
                }
                i++;
            }
            return new Options(workers, floats, iterations, warmup, rank, dir, encrypt);
        }

        private static int positive(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            int v = Integer.parseInt(value);
            if (v < 1) {
                throw new IllegalArgumentException(option + " must be at least 1 but was " + v);
            }
            return v;
        }

        List<String> workerArgs(int r, Path workDir) {
            List<String> args = new ArrayList<>(List.of(
                    "--workers",
                    "" + workers,
                    "--floats",
                    "" + floats,
                    "--iterations",
                    "" + iterations,
                    "--warmup",
                    "" + warmup,
                    "--worker-rank",
                    "" + r,
                    "--worker-dir",
                    workDir.toString()));
            if (encrypt) {
                args.add("--encrypt");
            }
            return args;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AllReduceBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.rank() >= 0) {
            BenchmarkWorker.run(options);
        } else {
            System.exit(coordinate(options));
        }
    }

    /** Starts the workers, relays rank 0's output and returns the exit code. */
    private static int coordinate(Options options) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(
                "sparknn-allreduce-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<Process> workers = new ArrayList<>();
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(dir.resolve("secret"), HexFormat.of().formatHex(secret));
            for (int r = 0; r < options.workers(); r++) {
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path")));
                System.getProperties().stringPropertyNames().stream()
                        .filter(p -> p.startsWith("sparknn.") || p.startsWith("org.slf4j."))
                        .forEach(p -> cmd.add(1, "-D" + p + "=" + System.getProperty(p)));
                cmd.add(AllReduceBenchmark.class.getName());
                cmd.addAll(options.workerArgs(r, dir));
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .redirectOutput(r == 0 ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
                workers.add(pb.start());
            }
            int exit = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_LIMIT_SECONDS);
            for (int r = 0; r < workers.size(); r++) {
                Process p = workers.get(r);
                long left = deadline - System.nanoTime();
                if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    System.err.println("AllReduceBenchmark: worker " + r + " still running after " + RUN_LIMIT_SECONDS
                            + " s; stopping the workers");
                    return 1;
                }
                if (p.exitValue() != 0) {
                    System.err.println("AllReduceBenchmark: worker " + r + " exited with " + p.exitValue()
                            + " (see its error output above)");
                    exit = 1;
                }
            }
            return exit;
        } finally {
            for (Process p : workers) {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
