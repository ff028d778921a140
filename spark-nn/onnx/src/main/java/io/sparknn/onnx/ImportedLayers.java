package io.sparknn.onnx;

import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The network being read: layer specs with their weights and state in the engine's layout, and
 * the tensor flowing between nodes: its sample shape in the engine's terms and how ONNX lays it
 * out around that ({@link Layout}).
 */
final class ImportedLayers {
    /** How the flowing ONNX tensor relates to the engine's batch-major {@code [N, sample...]}. */
    enum Layout {
        /** {@code [N, sample...]}, as the engine. */
        BATCH_MAJOR,
        /** {@code [T, N, F]}: sequences transposed for ONNX's recurrent operators. */
        TIME_MAJOR,
        /** A recurrent operator's {@code Y}: {@code [T, 1, N, units]}. */
        RNN_SEQUENCES,
        /** A recurrent operator's {@code Y_h}: {@code [1, N, units]}. */
        RNN_LAST,
        /** A global pooling's {@code [N, C, 1, 1]}; the engine's sample is {@code [C]}. */
        POOLED
    }

    private final Shape inputShape;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<float[]> weights = new ArrayList<>();
    private final List<float[]> state = new ArrayList<>();
    private Shape current;
    private Layout layout = Layout.BATCH_MAJOR;

    ImportedLayers(Shape inputShape) {
        this.inputShape = inputShape;
        this.current = inputShape;
    }

    Shape current() {
        return current;
    }

    Layout layout() {
        return layout;
    }

    void relayout(Layout layout, Shape sample) {
        this.layout = layout;
        this.current = sample;
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }

    LayerSpec last() {
        return layers.get(layers.size() - 1);
    }

    /** Appends a layer with its weights (engine layout) and state; the flowing shape becomes its output. */
    void add(String node, LayerSpec layer, float[]... layerWeights) throws OnnxImportException {
        try {
            current = layer.outputShape(current, layers.size());
        } catch (InvalidNetworkException e) {
            throw new OnnxImportException(node + " cannot be imported: " + e.getMessage(), e);
        }
        layers.add(layer);
        weights.addAll(List.of(layerWeights));
        layout = Layout.BATCH_MAJOR;
    }

    /** Appends BatchNormalization-style state (running mean, then variance) for the last layer. */
    void addState(float[] mean, float[] var) {
        state.add(mean);
        state.add(var);
    }

    /** Replaces the last layer (a bias folded into it) and appends weights to it. */
    void replaceLast(LayerSpec layer, float[] moreWeights) {
        layers.set(layers.size() - 1, layer);
        weights.add(moreWeights);
    }

    SavedNetwork build(String source) throws OnnxImportException {
        if (layers.isEmpty()) {
            throw new OnnxImportException(source + ": the graph has no layer the engine computes (only "
                    + "Identity, Dropout or shape operators). There is nothing to import.");
        }
        NetworkSpec spec;
        try {
            NetworkSpec.Builder b = NetworkSpec.builder(inputShape);
            layers.forEach(b::add);
            spec = b.build();
        } catch (InvalidNetworkException e) {
            throw new OnnxImportException(source + ": the imported network is not valid: " + e.getMessage(), e);
        }
        float[] w = concat(weights);
        if (w.length != spec.paramCount()) {
            throw new IllegalStateException("Imported " + w.length + " weights for a spec of " + spec.paramCount());
        }
        return new SavedNetwork(spec, w, concat(state), null, null, null);
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int pos = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, pos, p.length);
            pos += p.length;
        }
        return all;
    }
}
