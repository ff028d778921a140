package io.sparknn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparknn.ml.classification.NeuralNetworkClassificationModel;
import io.sparknn.ml.classification.NeuralNetworkClassifier;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import io.sparknn.testkit.Blobs;
import io.sparknn.testkit.TestSpark;
import io.sparknn.train.EpochStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tensorboardDir param: a fit writes its epochs' scalars, read back here from the event file. */
class TensorBoardDirTest {
    @TempDir
    Path dir;

    private static NeuralNetworkClassifier classifier() {
        return new NeuralNetworkClassifier()
                .setNetwork(NetworkSpec.builder(4)
                        .dense(8, Activation.RELU)
                        .dense(3, Activation.SOFTMAX)
                        .build())
                .setMaxEpochs(3)
                .setBatchSize(50)
                .setSeed(4);
    }

    private static Dataset<Row> data() {
        return new VectorAssembler()
                .setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features")
                .transform(Blobs.table(TestSpark.session(), 300, 3, 5));
    }

    @Test
    void aFitWritesOneRunWithTheLossOfEachEpoch() throws Exception {
        Path logs = dir.resolve("tb");
        NeuralNetworkClassifier nn = classifier().setTensorboardDir(logs.toString());
        NeuralNetworkClassificationModel model = nn.fit(data());

        List<Path> runs = list(logs);
        assertEquals(1, runs.size(), "one run folder: " + runs);
        assertTrue(runs.get(0).getFileName().toString().startsWith(nn.uid() + "-"), runs.toString());
        List<Path> files = list(runs.get(0));
        assertEquals(1, files.size(), "one event file and no checksum sidecar: " + files);
        assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."), files.toString());

        List<Scalar> scalars = scalars(Files.readAllBytes(files.get(0)));
        List<EpochStats> history = model.summary().history();
        assertEquals(3, history.size());
        for (String tag : new String[] {"epoch/loss", "epoch/accuracy"}) {
            List<Scalar> series =
                    scalars.stream().filter(s -> s.tag.equals(tag)).toList();
            assertEquals(history.size(), series.size(), tag + " per epoch: " + scalars);
            for (int i = 0; i < history.size(); i++) {
                EpochStats e = history.get(i);
                assertEquals(e.epoch(), series.get(i).step, tag + " step");
                double expected = tag.equals("epoch/loss") ? e.loss() : e.accuracy();
                assertEquals((float) expected, series.get(i).value, 0f, tag + " of epoch " + e.epoch());
            }
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsTheFitNamingTheParam() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        NeuralNetworkClassifier nn =
                classifier().setTensorboardDir(file.resolve("tb").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nn.fit(data()));
        assertTrue(
                e.getMessage().startsWith("tensorboardDir '" + file.resolve("tb") + "' cannot hold a TensorBoard run"),
                e.getMessage());
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    record Scalar(long step, String tag, float value) {}

    /** The simple_value scalars of a TFRecord file of tensorflow.Event records (checksums not checked here). */
    static List<Scalar> scalars(byte[] file) {
        List<Scalar> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() > 0) {
            int len = (int) b.getLong();
            b.getInt();
            ByteBuffer event = b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN);
            b.position(b.position() + len + 4);
            long step = 0;
            ByteBuffer summary = null;
            while (event.hasRemaining()) {
                long key = varint(event);
                int field = (int) (key >>> 3);
                if (field == 2) {
                    step = varint(event);
                } else if (field == 5) {
                    summary = bytes(event);
                } else {
                    skip(event, (int) (key & 7));
                }
            }
            while (summary != null && summary.hasRemaining()) {
                varint(summary); // Summary.value = 1
                ByteBuffer value = bytes(summary);
                String tag = null;
                Float simple = null;
                while (value.hasRemaining()) {
                    long key = varint(value);
                    int field = (int) (key >>> 3);
                    if (field == 1) {
                        ByteBuffer t = bytes(value);
                        byte[] s = new byte[t.remaining()];
                        t.get(s);
                        tag = new String(s, StandardCharsets.UTF_8);
                    } else if (field == 2) {
                        simple = value.getFloat();
                    } else {
                        skip(value, (int) (key & 7));
                    }
                }
                if (simple != null) {
                    out.add(new Scalar(step, tag, simple));
                }
            }
        }
        return out;
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    private static ByteBuffer bytes(ByteBuffer b) {
        int n = (int) varint(b);
        ByteBuffer s = b.slice(b.position(), n).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + n);
        return s;
    }

    private static void skip(ByteBuffer b, int wireType) {
        switch (wireType) {
            case 0 -> varint(b);
            case 1 -> b.position(b.position() + 8);
            case 2 -> bytes(b);
            case 5 -> b.position(b.position() + 4);
            default -> throw new IllegalStateException("wire type " + wireType);
        }
    }
}
