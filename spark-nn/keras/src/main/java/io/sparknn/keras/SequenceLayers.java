package io.sparknn.keras;

import io.sparknn.keras.NetworkAssembler.Layout;
import io.sparknn.nn.Embedding;
import io.sparknn.nn.GRU;
import io.sparknn.nn.GlobalAveragePooling1D;
import io.sparknn.nn.LSTM;
import io.sparknn.nn.LayerSpec;
import java.util.List;
import java.util.Map;

/**
 * Embedding, LSTM, GRU and GlobalAveragePooling1D. The engine's recurrent layers use Keras'
 * own parameter layouts and gate orders (LSTM i, f, c, o; GRU z, r, h with {@code reset_after}),
 * so their variables are copied unchanged; settings the engine does not compute are refused.
 */
final class SequenceLayers {
    private SequenceLayers() {}

    static void register(Map<String, LayerConverter> m) {
        m.put("Embedding", SequenceLayers::embedding);
        m.put("LSTM", (l, n) -> recurrent(l, n, 4));
        m.put("GRU", (l, n) -> recurrent(l, n, 3));
        m.put("GlobalAveragePooling1D", SequenceLayers::globalAveragePooling);
        m.put("GlobalAvgPool1D", SequenceLayers::globalAveragePooling);
    }

    /** Token ids in, {@code [time, outputDim]} out; Keras' {@code [input_dim, output_dim]} table is the engine's. */
    private static void embedding(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (net.layout() != Layout.FLAT || net.flattenOrder() != null) {
            throw net.wrongInput(layer, "a vector of token ids [time]");
        }
        // Keras masks id 0 wherever it appears (also left padding); the engine's padding index
        // marks right padding only, so a masked model would compute differently.
        layer.require("mask_zero", false, "Keras masks zeros anywhere in the sequence, spark-nn only at the end");
        int inputDim = layer.integer("input_dim", -1);
        int outputDim = layer.integer("output_dim", -1);
        List<WeightArray> ws = net.weights(layer, new int[] {inputDim, outputDim});
        net.add(layer, new Embedding(inputDim, outputDim), Layout.SEQUENCE);
        net.addWeights(ws.get(0).values());
    }

    private static void recurrent(KerasLayer layer, NetworkAssembler net, int gates) throws KerasImportException {
        if (net.layout() != Layout.SEQUENCE) {
            throw net.wrongInput(layer, "a sequence [time, features]");
        }
        layer.require("activation", "tanh", "the engine's cells use tanh");
        layer.require("recurrent_activation", "sigmoid", "the engine's gates use sigmoid");
        layer.require("go_backwards", false, "the engine runs sequences forwards");
        layer.require("stateful", false, "each sample starts from a zero state");
        layer.require("return_state", false, "a network has one output");
        layer.require("time_major", false, "samples are [time, features]");
        boolean gru = gates == 3;
        if (gru) {
            layer.require("reset_after", true, "the engine's GRU is the reset_after (cuDNN) variant");
        }
        int units = layer.integer("units", -1);
        int features = net.shape().dim(1);
        boolean returnSequences = layer.bool("return_sequences", false);
        boolean useBias = layer.bool("use_bias", true);
        int width = gates * units;
        int[] bias = gru ? new int[] {2, width} : new int[] {width};
        List<WeightArray> ws = useBias
                ? net.weights(layer, new int[] {features, width}, new int[] {units, width}, bias)
                : net.weights(layer, new int[] {features, width}, new int[] {units, width});
        LayerSpec spec = gru ? new GRU(units, returnSequences) : new LSTM(units, returnSequences);
        net.add(layer, spec, returnSequences ? Layout.SEQUENCE : Layout.FLAT);
        net.addWeights(ws.get(0).values());
        net.addWeights(ws.get(1).values());
        // Without a bias Keras adds nothing; the engine always has one, so it starts at zero.
        net.addWeights(useBias ? ws.get(2).values() : new float[(gru ? 2 : 1) * width]);
    }

    private static void globalAveragePooling(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        if (net.layout() != Layout.SEQUENCE) {
            throw net.wrongInput(layer, "a sequence [time, features]");
        }
        layer.require("data_format", "channels_last", "the mean is taken over time");
        layer.require("keepdims", false, "the pooled features feed a vector layer");
        net.add(layer, new GlobalAveragePooling1D(), Layout.FLAT);
    }
}
