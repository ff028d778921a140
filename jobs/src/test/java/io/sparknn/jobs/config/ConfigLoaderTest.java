package io.sparknn.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.jobs.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict binding of job configs: every seed config loads; every mistake names its key. */
class ConfigLoaderTest {
    private static final String SEED000 = ConfigLoader.packagedConfig("seed000-mlp");

    @ParameterizedTest
    @ValueSource(strings = {"seed000-mlp", "seed001-binary", "seed002-lstm", "seed003-cnn", "seed004-cnn"})
    void everySeedConfigInConfLoadsAndMatchesThePackagedCopy(String name) throws Exception {
        TrainConfig fromFile = ConfigLoader.loadTrain(Path.of("../conf/" + name + ".yaml"), List.of());
        assertEquals(name, fromFile.name());
        assertEquals(fromFile, ConfigLoader.loadTrain(name, ConfigLoader.packagedConfig(name), List.of()));
        assertTrue(fromFile.estimatorOrEmpty().get("network").has("layers"), name);
    }

    @Test
    void overridesSetNestedKeysWithYamlTypes() {
        TrainConfig c = load(
                "estimator.maxEpochs=3",
                "input.versionAsOf=0",
                "validation.table.path=/t/test",
                "output.overwrite=false",
                "input.columns=[features, label]");
        assertEquals(3, c.estimator().get("maxEpochs").intValue());
        assertEquals(0L, c.input().versionAsOf());
        assertEquals("/t/test", c.validation().table().path());
        assertEquals(false, c.output().overwriteOrDefault());
        assertEquals(List.of("features", "label"), c.input().columns());
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() {
        String m = fail("output.modle=/x");
        assertTrue(m.contains("Unknown key 'output.modle'") && m.contains("model, "), m);
    }

    @Test
    void wrongTypeIsNamed() {
        String m = fail("input.versionAsOf=latest");
        assertTrue(m.contains("'input.versionAsOf'") && m.contains("number"), m);
        m = fail("task=clustering");
        assertTrue(m.contains("'task'") && m.contains("classification, regression"), m);
    }

    @Test
    void conflictingOrMissingValuesAreNamed() {
        assertTrue(fail("input.table=db.fashion").contains("exactly one of 'input.path'"));
        assertTrue(fail("validation.fraction=0.2")
                .contains("exactly one of 'validation.fraction' and 'validation.table'"));
        assertTrue(fail("label=").contains("'label' is missing"));
    }

    @Test
    void malformedOverridesAndFilesAreClear() {
        assertTrue(fail("estimator.maxEpochs").contains("is not key=value"));
        assertTrue(fail("label.x=1").contains("'label' is a value, not a section"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigLoader.loadTrain(Path.of("no/such.yaml"), List.of()));
        assertTrue(e.getMessage().contains("no/such.yaml does not exist"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.loadTrain("bad.yaml", "name: [unclosed", List.of()));
        assertTrue(e.getMessage().contains("bad.yaml is not valid YAML"), e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithBothLines() {
        String yaml = SEED000 + "\nlabel: footwear\n";
        int first = lineOf(SEED000, "label:");
        ConfigException e =
                assertThrows(ConfigException.class, () -> ConfigLoader.loadTrain("twice.yaml", yaml, List.of()));
        assertTrue(
                e.getMessage()
                        .contains("Key 'label' is given twice in twice.yaml, on line " + first + " and on line "
                                + (SEED000.lines().count() + 2)),
                e.getMessage());
        assertEquals(2, e.exitCode());
        String nested =
                "name: n\nestimator:\n  maxEpochs: 3\n  network: {layers: [{units: 1, units: 2}]}\n  maxEpochs: 4\n";
        e = assertThrows(ConfigException.class, () -> ConfigLoader.loadTrain("nested.yaml", nested, List.of()));
        assertTrue(
                e.getMessage()
                        .contains("Key 'estimator.network.layers[].units' is given twice in nested.yaml, on line 4 "
                                + "and on line 4"),
                e.getMessage());
        String sibling = "estimator: {a: 1}\nother: {a: 2}\nestimator2:\n  - {a: 1}\n  - {a: 2}\n";
        assertEquals(
                1,
                ConfigLoader.read("sibling.yaml", sibling, List.of())
                        .get("estimator")
                        .get("a")
                        .asInt(),
                "the same key in different mappings is fine");
    }

    private static int lineOf(String text, String prefix) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix);
    }

    private static TrainConfig load(String... sets) {
        return ConfigLoader.loadTrain("seed000-mlp.yaml", SEED000, List.of(sets));
    }

    private static String fail(String... sets) {
        return assertThrows(ConfigException.class, () -> load(sets)).getMessage();
    }
}
