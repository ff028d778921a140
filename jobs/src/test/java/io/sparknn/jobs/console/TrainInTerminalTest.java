package io.sparknn.jobs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.data.FashionMnist;
import io.sparknn.jobs.Main;
import io.sparknn.jobs.demo.FashionMnistTables;
import io.sparknn.testing.FashionMnistData;
import io.sparknn.testkit.ChildJvm;
import io.sparknn.testkit.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command as a user runs it: in a terminal (a pseudo-terminal from util-linux
 * {@code script}) it draws the live bar, and each epoch ends on its finished bar; with stdout and
 * stderr redirected to a file, as under Airflow or spark-submit, the log gets the plain progress
 * lines and not one carriage return or escape character. Both runs are separate JVMs, started
 * together, training a small network for two epochs on 1000 Fashion-MNIST rows.
 */
class TrainInTerminalTest {
    private static final int ROWS = 1000;
    private static final int BATCH = 128;
    private static final int STEPS = (ROWS + BATCH - 1) / BATCH;
    private static final long TIMEOUT_S = 180;

    @TempDir
    Path dir;

    @Test
    void aTerminalShowsTheFinishedBarAndARedirectedLogHasNoControlCharacters() throws Exception {
        String table = dir.resolve("train").toString();
        FashionMnistTables.write(TestSpark.session(), FashionMnist.train(FashionMnistData.dir()), ROWS, table);
        Path ttyOut = dir.resolve("tty.out");
        Path logOut = dir.resolve("redirected.log");

        List<String> inTerminal = List.of(
                "script", "-q", "-e", "-c", shellLine(trainCommand(table, dir.resolve("tty-model"))), "/dev/null");
        Process tty = start(inTerminal, ttyOut);
        Process redirected = start(trainCommand(table, dir.resolve("log-model")), logOut);
        try {
            assertFinished(tty, ttyOut, "under script");
            assertFinished(redirected, logOut, "with redirected output");
        } finally {
            tty.destroyForcibly();
            redirected.destroyForcibly();
        }

        // The terminal turns \n into \r\n; within a line, each \r starts a redrawn frame and the
        // last frame is what stays on screen.
        String screen = Files.readString(ttyOut, StandardCharsets.UTF_8);
        List<String> finalFrames = new ArrayList<>();
        for (String line : screen.split("\n")) {
            String shown = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            shown = shown.substring(shown.lastIndexOf('\r') + 1).stripTrailing();
            if (shown.startsWith("epoch ")) {
                finalFrames.add(shown);
            }
        }
        assertEquals(2, finalFrames.size(), "one finished bar per epoch on the screen:\n" + screen);
        for (int epoch = 1; epoch <= 2; epoch++) {
            String bar = finalFrames.get(epoch - 1);
            Pattern finished = Pattern.compile("epoch " + epoch + "/2 \\[={30}\\] " + STEPS + "/" + STEPS
                    + "  loss \\d+\\.\\d{4}  [\\d,]+ samples/s  done \\d+:\\d\\d");
            assertTrue(finished.matcher(bar).matches(), "epoch " + epoch + "'s final bar: '" + bar + "'");
        }
        assertFalse(screen.contains("spark-nn epoch 2/2 step"), "the bar replaces the step log lines");

        String log = Files.readString(logOut, StandardCharsets.UTF_8);
        assertTrue(
                log.contains("spark-nn epoch 2/2 step " + STEPS + "/" + STEPS + " loss "),
                "the plain progress line of the last step:\n" + log);
        assertFalse(log.contains("\r"), "a carriage return in the redirected log:\n" + log);
        assertFalse(log.contains("\u001b"), "an escape character in the redirected log:\n" + log);
        assertFalse(log.contains("[=============================="), "a progress bar in the redirected log");
    }

    /** stdout and stderr together in one file, stdin an open pipe (a closed one would end script's session). */
    private static Process start(List<String> command, Path output) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("TERM", "xterm"); // the bar stays off on dumb or unset terminals
        return pb.start();
    }

    private static void assertFinished(Process p, Path output, String how) throws Exception {
        boolean exited = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(exited, "the train job " + how + " did not finish in " + TIMEOUT_S + " s:\n" + text);
        assertEquals(0, p.exitValue(), "the train job " + how + " failed:\n" + text);
    }

    private static List<String> trainCommand(String table, Path model) throws Exception {
        Path config = Files.writeString(
                model.resolveSibling(model.getFileName() + ".yaml"),
                String.join(
                        "\n",
                        "name: tty",
                        "task: classification",
                        "input: {path: '" + table + "'}",
                        "features: {column: features}",
                        "label: label",
                        "estimator:",
                        "  network:",
                        "    inputShape: [784]",
                        "    layers:",
                        "      - {type: Dense, units: 32, activation: relu}",
                        "      - {type: Dense, units: 10, activation: softmax}",
                        "  batchSize: " + BATCH,
                        "  maxEpochs: 2",
                        "  numWorkers: 2",
                        "  threadsPerWorker: 1",
                        "  seed: 0",
                        "output: {model: '" + model + "'}",
                        ""));
        return ChildJvm.command(
                List.of(
                        "-Dspark.master=local[2]",
                        "-Dspark.ui.enabled=false",
                        "-Dspark.driver.host=127.0.0.1",
                        "-Dspark.driver.bindAddress=127.0.0.1",
                        "-Dspark.databricks.delta.snapshotPartitions=1",
                        "-Dspark.sql.shuffle.partitions=2"),
                Main.class,
                "train",
                "--config",
                config.toString());
    }

    /** One shell word per argument, for {@code script -c}. */
    private static String shellLine(List<String> args) {
        return args.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }
}
