package io.sparknn.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model file whose bytes and checksums are valid but whose spec describes shapes or counts
 * beyond int/long range is a {@link ModelFormatException}, like any other bad file: no
 * IllegalArgumentException, ArithmeticException or NegativeArraySizeException escapes.
 */
class HostileSpecTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                // a Flatten of more than 2^31-1 values per sample
                "{\"inputShape\":[65536,65536],\"layers\":[{\"type\":\"Flatten\"},{\"type\":\"Dense\",\"units\":1}]}",
                "{\"inputShape\":[4096,4096,4096],\"layers\":[{\"type\":\"Flatten\"}]}",
                // an output shape beyond 2^31-1 elements: 65536 filters over a 46340x46340 image
                "{\"inputShape\":[1,46340,46340],\"layers\":[{\"type\":\"Conv2D\",\"filters\":65536,\"kernelSize\":[1,1]}]}",
                // parameter counts whose products overflow a long
                "{\"inputShape\":[1,2147483647],\"layers\":[{\"type\":\"LSTM\",\"units\":2147483647}]}",
                "{\"inputShape\":[1,2147483647],\"layers\":[{\"type\":\"GRU\",\"units\":2147483647}]}",
                "{\"inputShape\":[2147483647,1,1],\"layers\":[{\"type\":\"Conv2D\",\"filters\":2147483647,"
                        + "\"kernelSize\":[2147483647,2147483647],\"padding\":\"same\"}]}",
                "{\"inputShape\":[3],\"layers\":[{\"type\":\"Embedding\",\"inputDim\":2147483647,\"outputDim\":2147483647}]}",
                "{\"inputShape\":[2147483647],\"layers\":[{\"type\":\"Dense\",\"units\":2147483647}]}",
                "{\"inputShape\":[4],\"layers\":[{\"type\":\"Reshape\",\"targetShape\":[65536,65536]}]}"
            })
    void aCrcValidFileWithAnOversizedSpecIsAFormatError(String specJson) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, ModelFileContents.builder(specJson, new float[4]).build());
        ModelFormatException e = assertThrows(
                ModelFormatException.class,
                () -> SavedNetwork.read(new ByteArrayInputStream(out.toByteArray()), "hostile.spnn"));
        assertTrue(e.getMessage().startsWith("hostile.spnn: "), e.getMessage());
        assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void theHugeFlattenMessageNamesTheShape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(
                out,
                ModelFileContents.builder(
                                "{\"inputShape\":[65536,65536],\"layers\":[{\"type\":\"Flatten\"}]}", new float[0])
                        .build());
        ModelFormatException e = assertThrows(
                ModelFormatException.class,
                () -> SavedNetwork.read(new ByteArrayInputStream(out.toByteArray()), "hostile.spnn"));
        assertTrue(
                e.getMessage().contains("inputShape is not valid: Shape [65536, 65536] has more than 2^31-1 elements"),
                e.getMessage());
    }
}
