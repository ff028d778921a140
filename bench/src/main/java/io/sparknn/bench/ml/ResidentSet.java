package io.sparknn.bench.ml;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set (VmRSS in {@code /proc/self/status}): Java heap, metaspace, code
 * cache, thread stacks and native memory (MKL, oneDNN) together, which is what a long-lived
 * driver's operator sees grow.
 */
final class ResidentSet {
    private ResidentSet() {}

    /**
     * MiB resident after two full collections, so that the figure follows what is live rather
     * than garbage the collector has not reached yet (G1 also returns unused heap to the OS after
     * a full collection).
     */
    static double settledMiB() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(500);
        }
        return currentMiB();
    }

    /** Java heap in use (after {@link #settledMiB}: the live data). */
    static double heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Committed metaspace, class space and JIT code cache: memory outside the heap that the JVM itself grows. */
    static double nonHeapCommittedMiB() {
        return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
    }

    static double currentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.trim().split("\\s+"); // "VmRSS:", "<n>", "kB"
                return Long.parseLong(parts[1]) / 1024.0;
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line: the soak benchmark needs Linux");
    }
}
