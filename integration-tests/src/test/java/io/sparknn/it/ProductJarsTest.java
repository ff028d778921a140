package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jars users deploy hold no benchmark code: every benchmark (and the generated data only
 * benchmarks and tests use) lives in the bench module and the core's test fixtures, so a class
 * moved back into a product module fails here.
 */
class ProductJarsTest {
    /**
     * The plain jars of the product modules, as the reactor puts them on this module's classpath: the
     * core unsuffixed, the Spark-facing ones with the Scala suffix of the line (_2.12 or _2.13).
     */
    private static final Pattern PRODUCT_JAR = Pattern.compile(
            "spark-nn-(core|(spark-io|distributed|transformers|estimators|jobs)_2\\.1[23])-[^/]*\\d(-SNAPSHOT)?\\.jar");

    @Test
    void productJarsCarryNoBenchmarks() throws IOException {
        TreeMap<String, Path> jars = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (PRODUCT_JAR.matcher(p.getFileName().toString()).matches()) {
                jars.put(p.getFileName().toString(), p);
            }
        }
        assertEquals(
                6,
                jars.size(),
                "expected the jars of core, spark-io, distributed, transformers, estimators and jobs on the classpath, "
                        + "found "
                        + jars.keySet() + "; run the reactor to at least `package`, e.g. "
                        + "./mvnw -B -ntp -pl integration-tests -am verify");
        Path shaded = Path.of(System.getProperty("sparknn.shadedJar", "(sparknn.shadedJar not set)"));
        assertTrue(
                Files.isRegularFile(shaded),
                "the shaded jar " + shaded + " does not exist; build it in the same reactor (the jobs module "
                        + "shades at package unless -Dsparknn.shade.skip=true)");
        jars.put(shaded.getFileName().toString(), shaded);

        List<String> found = new ArrayList<>();
        for (Path jar : jars.values()) {
            found.addAll(benchmarkEntries(jar));
        }
        assertEquals(
                List.of(),
                found,
                "benchmark classes belong in the bench module (io.sparknn.bench.*), not in a product jar");
    }

    private static List<String> benchmarkEntries(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return Collections.list(jf.entries()).stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/sparknn/")
                            && (n.contains("/bench/")
                                    || n.contains("Benchmark")
                                    || n.endsWith("/TokenOrderTask.class")))
                    .map(n -> jar.getFileName() + "!" + n)
                    .toList();
        }
    }
}
