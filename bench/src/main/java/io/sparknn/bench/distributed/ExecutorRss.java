package io.sparknn.bench.distributed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident set of one Spark application's executor JVMs on this machine (local-cluster),
 * sampled from {@code /proc/<pid>/status}: the largest VmHWM (the kernel's own high-water mark,
 * which counts heap, native memory and the pages of memory-mapped files the process has touched)
 * and the largest RssAnon seen (anonymous memory only: heap and native allocations, no file pages).
 */
final class ExecutorRss implements AutoCloseable {
    private final String appId;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "executor-rss");
        t.setDaemon(true);
        return t;
    });
    private long peakHwmKib;
    private long peakAnonKib;
    private int executorsSeen;

    ExecutorRss(String appId) {
        this.appId = appId;
        timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    synchronized long peakMib() {
        return peakHwmKib >> 10;
    }

    synchronized long peakAnonMib() {
        return peakAnonKib >> 10;
    }

    synchronized int executorsSeen() {
        return executorsSeen;
    }

    /** Takes one last sample and stops sampling; the peaks stay readable. Idempotent. */
    void stop() {
        if (!timer.isShutdown()) {
            timer.shutdownNow();
            sample();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void sample() {
        List<Path> pids = executorPids();
        executorsSeen = Math.max(executorsSeen, pids.size());
        for (Path pid : pids) {
            try {
                String status = Files.readString(pid.resolve("status"), StandardCharsets.ISO_8859_1);
                peakHwmKib = Math.max(peakHwmKib, kib(status, "VmHWM"));
                peakAnonKib = Math.max(peakAnonKib, kib(status, "RssAnon"));
            } catch (NoSuchFileException e) {
                // the executor exited between the listing and the read
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read " + pid.resolve("status"), e);
            }
        }
    }

    /** The /proc entries of this application's executors (CoarseGrainedExecutorBackend --app-id appId). */
    private List<Path> executorPids() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.ISO_8859_1)
                            .replace('\0', ' ');
                    if (cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(" " + appId + " ")) {
                        out.add(p);
                    }
                } catch (IOException e) {
                    // a process that exited or is not ours to read is not one of our executors
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot list /proc to find the executor JVMs", e);
        }
        return out;
    }

    /**
     * The value in KiB of a {@code Field:   123 kB} line of a /proc status file, 0 when the line
     * is missing (kernel threads have no Vm* lines).
     */
    static long kib(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String v = line.substring(field.length() + 1).trim();
                if (!v.endsWith(" kB")) {
                    throw new IllegalArgumentException(
                            "Unexpected /proc status line '" + line + "'; expected '" + field + ":  <n> kB'");
                }
                return Long.parseLong(v.substring(0, v.length() - 3).trim());
            }
        }
        return 0;
    }
}
