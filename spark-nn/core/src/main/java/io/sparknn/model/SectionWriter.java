package io.sparknn.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the sections of format version 1, each as tag, payload length and payload (the
 * payload layouts are documented on {@link ModelFile}). Lengths are computed before writing,
 * so large arrays are streamed straight from the caller's arrays, never staged.
 */
final class SectionWriter {
    private final ChecksummedOutput out;

    SectionWriter(ChecksummedOutput out) {
        this.out = out;
    }

    void spec(String specJson) throws IOException {
        byte[] text = utf8(specJson);
        header(Section.SPEC, text.length);
        out.writeBytes(text);
    }

    void weights(float[] weights) throws IOException {
        header(Section.WEIGHTS, Float.BYTES * (long) weights.length);
        out.writeFloats(weights);
    }

    /** Writes the slot length as {@code weightCount} even when there are no slots. */
    void optimizer(SavedOptimizerState state, int weightCount) throws IOException {
        byte[] json = utf8(state.json());
        float[][] slots = state.slotsNoCopy();
        int slotLength = weightCount;
        long length = Integer.BYTES
                + json.length
                + Long.BYTES
                + 2 * Integer.BYTES
                + (long) slots.length * slotLength * Float.BYTES;
        header(Section.OPTIMIZER, length);
        out.writeU32(json.length);
        out.writeBytes(json);
        out.writeU64(state.step());
        out.writeU32(slots.length);
        out.writeU32(slotLength);
        for (float[] slot : slots) {
            out.writeFloats(slot);
        }
    }

    void trainingState(TrainingState state) throws IOException {
        List<byte[]> texts = new ArrayList<>();
        long length = 4 * Long.BYTES + Integer.BYTES;
        for (Map.Entry<String, String> e : state.extras().entrySet()) {
            byte[] key = utf8(e.getKey());
            byte[] value = utf8(e.getValue());
            texts.add(key);
            texts.add(value);
            length += 2 * Integer.BYTES + key.length + value.length;
        }
        header(Section.TRAINING_STATE, length);
        out.writeU64(state.epoch());
        out.writeU64(state.stepInEpoch());
        out.writeU64(state.globalStep());
        out.writeU64(state.seed());
        out.writeU32(texts.size() / 2);
        for (byte[] text : texts) {
            out.writeU32(text.length);
            out.writeBytes(text);
        }
    }

    void buffers(SortedMap<String, float[]> buffers) throws IOException {
        List<byte[]> names = new ArrayList<>();
        long length = Integer.BYTES;
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            byte[] name = utf8(e.getKey());
            names.add(name);
            length += 2 * Integer.BYTES + name.length + Float.BYTES * (long) e.getValue().length;
        }
        header(Section.BUFFERS, length);
        out.writeU32(buffers.size());
        int i = 0;
        for (float[] values : buffers.values()) {
            byte[] name = names.get(i++);
            out.writeU32(name.length);
            out.writeBytes(name);
            out.writeU32(values.length);
            out.writeFloats(values);
        }
    }

    void end() throws IOException {
        header(Section.END, 0);
    }

    private void header(Section section, long payloadLength) throws IOException {
        out.writeU32(section.tag());
        out.writeU64(payloadLength);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
