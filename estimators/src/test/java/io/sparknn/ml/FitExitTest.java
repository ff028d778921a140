package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparknn.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's local-mode application that fits a classifier (two barrier workers on local[2]),
 * stops its session and returns from main must exit by itself: no non-daemon thread of the fit
 * may outlive it (Spark's barrier task timer did). The application runs as a child JVM
 * ({@link FitAndReturn}); the deadline only bounds a hang, it measures nothing.
 */
class FitExitTest {
    /** Generous: the child starts Spark and fits on 2 cores shared with other builds. */
    private static final long FIT_DEADLINE_S = 300;
    /** After main has returned, the JVM only runs Spark's shutdown hooks. */
    private static final long EXIT_DEADLINE_S = 60;

    @TempDir
    Path dir;

    @Test
    void aLocalModeMainThatFitsAndReturnsExitsByItself() throws Exception {
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(ChildJvm.command(FitAndReturn.class))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long fitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIT_DEADLINE_S);
            while (p.isAlive() && !Files.readString(log).contains("FITTED") && System.nanoTime() < fitDeadline) {
                Thread.sleep(200);
            }
            boolean exited = p.waitFor(EXIT_DEADLINE_S, TimeUnit.SECONDS);
            String out = Files.readString(log);
            if (!exited) {
                fail(
                        out.contains("FITTED")
                                ? "main returned but the JVM did not exit within " + EXIT_DEADLINE_S
                                        + " s; non-daemon threads " + "alive when main returned:\n"
                                        + nonDaemonThreads(out)
                                : "the child did not finish its fit within " + FIT_DEADLINE_S + " s:\n" + out);
            }
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("FITTED rows=400"), out);
        } finally {
            p.destroyForcibly(); // no-op once it has exited; never leave a JVM behind
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String nonDaemonThreads(String out) {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("NON_DAEMON_THREAD ")) {
                b.append("  ")
                        .append(line.substring("NON_DAEMON_THREAD ".length()))
                        .append('\n');
            }
        }
        return b.toString();
    }
}
