package io.sparknn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sparknn.tensor.Shape;
import io.sparknn.testing.TestBackends;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The network JSON is the contract between the languages: the files in
 * {@code network-contract/} are what the Python package's {@code Sequential} renders for the
 * Keras-style definitions in {@code python/tests/contract_networks.py} (checked there byte for
 * byte). Here the engine must read each file, write it back unchanged, and build the network
 * with the parameter count a Keras user expects.
 */
class NetworkContractTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Flatten; 784*256+256 + BatchNormalization 2*256 + 256*128 (no bias) + 128*10+10
        "mlp, 235530, 10",
        // Conv2D 1*9*32 (no bias) + BatchNormalization 2*32 + Conv2D 32*9*64+64 + Dense 64*10+10
        "cnn, 19498, 10",
        // Embedding 10000*64 + LSTM 4*32*(64+32+1) + GRU 3*16*(32+16+2) + Dense 16*2+2
        "sequence, 654850, 2",
        // Conv2D 1*9*8+8 (explicit pads) + Dense 8*10+10; the poolings and GlobalMaxPooling2D have none
        "padded_cnn, 170, 10",
    })
    void engineReadsWritesAndBuildsTheSharedFixture(String name, long params, int outputs) throws IOException {
        String json = fixture(name);
        NetworkSpec spec = NetworkSpec.fromJson(json);

        assertEquals(json, spec.toJson(), "the engine must write the fixture back byte for byte");
        assertEquals(params, spec.paramCount(), spec.summary());
        assertEquals(Shape.of(outputs), spec.outputShape());
        try (Network net = Network.create(spec, TestBackends.java(), 13)) {
            assertEquals(params, net.paramCount());
        }
    }

    private static String fixture(String name) throws IOException {
        String resource = "/network-contract/" + name + ".json";
        try (InputStream in = NetworkContractTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
