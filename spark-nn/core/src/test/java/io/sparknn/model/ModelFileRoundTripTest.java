package io.sparknn.model;

import static io.sparknn.model.ModelFileFixtures.SPEC;
import static io.sparknn.model.ModelFileFixtures.SPECIAL;
import static io.sparknn.model.ModelFileFixtures.assertSameBits;
import static io.sparknn.model.ModelFileFixtures.bytesOf;
import static io.sparknn.model.ModelFileFixtures.readBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void specialFloatsComeBackBitForBitInEveryArray() throws Exception {
        float[] reversed = new float[SPECIAL.length];
        for (int i = 0; i < SPECIAL.length; i++) {
            reversed[i] = SPECIAL[SPECIAL.length - 1 - i];
        }
        ModelFileContents written = ModelFileContents.builder(SPEC, SPECIAL)
                .optimizerState(SavedOptimizerState.of("{}", 1, reversed, SPECIAL))
                .buffer("special", SPECIAL)
                .build();

        ModelFileContents read = readBytes(bytesOf(written));

        assertSameBits(SPECIAL, read.weights(), "weights");
        assertSameBits(reversed, read.optimizerState().orElseThrow().slot(0), "slot 0");
        assertSameBits(SPECIAL, read.optimizerState().orElseThrow().slot(1), "slot 1");
        assertSameBits(SPECIAL, read.buffer("special").orElseThrow(), "buffer");
        assertEquals(written, read);
    }

    @Test
    void everyOptionalSectionRoundTrips() throws Exception {
        ModelFileContents written = ModelFileFixtures.full();

        ModelFileContents read = readBytes(bytesOf(written));

        assertEquals(SPEC, read.specJson());
        assertSameBits(new float[] {0.5f, -1.25f, -0.0f, 3e-39f}, read.weights(), "weights");
        SavedOptimizerState opt = read.optimizerState().orElseThrow();
        assertEquals("{\"name\":\"adam\",\"lr\":0.001}", opt.json());
        assertEquals(7, opt.step());
        assertEquals(2, opt.slotCount());
        assertSameBits(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, opt.slot(1), "slot 1");
        TrainingState ts = read.trainingState().orElseThrow();
        assertEquals(List.of(2L, 5L, 17L, -42L), List.of(ts.epoch(), ts.stepInEpoch(), ts.globalStep(), ts.seed()));
        assertEquals(Map.of("rng.dropout", "9f3a", "data.source", "delta:/t@v3"), ts.extras());
        assertEquals(List.of("bn.mean", "bn.var"), List.copyOf(read.bufferNames()));
        assertSameBits(new float[] {0, Float.NaN}, read.buffer("bn.mean").orElseThrow(), "bn.mean");
        assertEquals(written, read);
    }

    @Test
    void absentOptionalSectionsStayAbsent() throws Exception {
        ModelFileContents read = readBytes(bytesOf(ModelFileFixtures.minimal()));

        assertTrue(read.optimizerState().isEmpty());
        assertTrue(read.trainingState().isEmpty());
        assertTrue(read.bufferNames().isEmpty());
        assertSameBits(new float[] {1, 2, 3, 4}, read.weights(), "weights");
    }

    @Test
    void eachOptionalSectionAloneRoundTrips() throws Exception {
        ModelFileContents full = ModelFileFixtures.full();
        float[] w = full.weights();
        List<ModelFileContents> variants = List.of(
                ModelFileContents.builder(SPEC, w)
                        .optimizerState(full.optimizerState().get())
                        .build(),
                ModelFileContents.builder(SPEC, w)
                        .trainingState(full.trainingState().get())
                        .build(),
                ModelFileContents.builder(SPEC, w).buffer("b", new float[0]).build());
        for (ModelFileContents c : variants) {
            assertEquals(c, readBytes(bytesOf(c)), c.toString());
        }
    }

    @Test
    void emptyWeightsEmptySlotsAndEmptyTextRoundTrip() throws Exception {
        ModelFileContents written = ModelFileContents.builder("", new float[0])
                .optimizerState(SavedOptimizerState.of("", 0, new float[0], new float[0]))
                .trainingState(TrainingState.builder().extra("k", "").build())
                .build();

        ModelFileContents read = readBytes(bytesOf(written));

        assertEquals(0, read.weightCount());
        assertEquals(2, read.optimizerState().orElseThrow().slotCount());
        assertEquals("", read.specJson());
        assertEquals(written, read);
    }

    @Test
    void optimizerWithoutSlotsRoundTrips() throws Exception {
        ModelFileContents written = ModelFileContents.builder(SPEC, new float[] {1})
                .optimizerState(SavedOptimizerState.of("{\"name\":\"sgd\"}", Long.MAX_VALUE))
                .build();

        assertEquals(written, readBytes(bytesOf(written)));
    }

    @Test
    void nonAsciiTextRoundTrips() throws Exception {
        String spec = "{\"name\":\"réseau ✓ 网络 \uD83D\uDE80\"}";
        ModelFileContents written = ModelFileContents.builder(spec, new float[0])
                .trainingState(TrainingState.builder()
                        .extra("clé", "värde \uD83D\uDE80")
                        .build())
                .buffer("μ", new float[] {1})
                .build();

        ModelFileContents read = readBytes(bytesOf(written));

        assertEquals(spec, read.specJson());
        assertEquals(written, read);
    }

    @Test
    void sameContentsGiveSameBytesWhateverTheInsertionOrder() throws Exception {
        ModelFileContents a = ModelFileContents.builder(SPEC, new float[] {1})
                .buffer("x", new float[] {1})
                .buffer("a", new float[] {2})
                .trainingState(
                        TrainingState.builder().extra("z", "1").extra("b", "2").build())
                .build();
        ModelFileContents b = ModelFileContents.builder(SPEC, new float[] {1})
                .buffer("a", new float[] {2})
                .buffer("x", new float[] {1})
                .trainingState(
                        TrainingState.builder().extra("b", "2").extra("z", "1").build())
                .build();

        assertArrayEquals(bytesOf(a), bytesOf(b));
    }

    @Test
    void fileStartsWithTheDocumentedHeaderAndTags() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(bytesOf(ModelFileFixtures.minimal())).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);

        assertArrayEquals(new byte[] {0x53, 0x50, 0x41, 0x52, 0x4B, 0x4E, 0x4E, 0x00}, magic);
        assertEquals(1, b.getInt());
        assertEquals(0x43455053, b.getInt(), "SPEC tag");
        assertEquals(SPEC.length(), b.getLong());
        // The tag values printed in ModelFile's layout table.
        assertEquals(0x54484757, Section.WEIGHTS.tag());
        assertEquals(0x4D54504F, Section.OPTIMIZER.tag());
        assertEquals(0x54535254, Section.TRAINING_STATE.tag());
        assertEquals(0x53465542, Section.BUFFERS.tag());
        assertEquals(0x21444E45, Section.END.tag());
    }

    @Test
    void largeModelRoundTripsThroughFileAndStream() throws Exception {
        float[] weights = new float[2_000_000];
        float[] moment = new float[weights.length];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Float.intBitsToFloat(random.nextInt());
            moment[i] = (float) random.nextGaussian();
        }
        ModelFileContents written = ModelFileContents.builder(SPEC, weights)
                .optimizerState(SavedOptimizerState.of("{}", 1, moment))
                .build();
        Path file = dir.resolve("large.spnn");

        ModelFile.write(file, written);
        ModelFileContents fromFile = ModelFile.read(file);
        ModelFileContents fromStream = readBytes(bytesOf(written));

        assertSameBits(weights, fromFile.weights(), "weights from file");
        assertSameBits(moment, fromFile.optimizerState().orElseThrow().slot(0), "slot from file");
        assertEquals(written, fromStream);
        // header 12, SPEC 12 + text, WGHT 12 + 4n, OPTM 12 + 22 + 4n ("{}"), END 12, CRC 4
        assertEquals(86 + SPEC.length() + 8L * weights.length, Files.size(file));
    }
}
