package io.sparknn.bench.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stderr logs of a local-cluster application's executors, which the Worker writes to
 * {@code $SPARK_HOME/work/<app id>/<executor id>/stderr}.
 */
final class ExecutorLogs {
    private ExecutorLogs() {}

    /** The lines of every executor's log of {@code appId} that contain {@code text}. */
    static List<String> grep(String appId, String text) {
        Path app = Path.of(System.getenv("SPARK_HOME"), "work", appId);
        if (!Files.isDirectory(app)) {
            throw new IllegalStateException("No executor logs at " + app + ": is this a local-cluster application?");
        }
        try (Stream<Path> files = Files.walk(app)) {
            return files.filter(f -> f.getFileName().toString().equals("stderr"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException("Cannot read the executor log " + f, e);
                        }
                    })
                    .filter(l -> l.contains(text))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the executor logs under " + app, e);
        }
    }
}
