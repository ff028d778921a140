package io.sparknn.keras;

import io.sparknn.model.SavedNetwork;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the engine network layer by layer while the converters walk the Keras layers: the
 * engine's current sample shape and what it means in Keras terms, the flat weights and
 * BatchNormalization state in engine order, and a pending reordering left by a Flatten of an
 * image (the engine flattens {@code [C, H, W]}, Keras {@code [H, W, C]}) that the next layer
 * with per-feature weights absorbs.
 */
final class NetworkAssembler {
    /** What the current engine shape is in Keras: a flat vector, a sequence {@code [T, F]}, an image. */
    enum Layout {
        FLAT,
        SEQUENCE,
        IMAGE
    }

    private final String source;
    private final Shape inputShape;
    private final List<LayerSpec> specs = new ArrayList<>();
    private final FloatList weights = new FloatList();
    private final FloatList state = new FloatList();
    private Shape shape;
    private Layout layout;
    private int[] flattenOrder;
    private WeightSource weightSource;

    NetworkAssembler(int[] kerasInputShape, String source) throws KerasImportException {
        this.source = source;
        for (int i = 0; i < kerasInputShape.length; i++) {
            if (kerasInputShape[i] <= 0) {
                throw new KerasImportException(source + ": the model's input shape " + Arrays.toString(kerasInputShape)
                        + " has no fixed size on axis " + (i + 1) + ". spark-nn networks take fixed-size "
                        + "samples: build the Keras model with keras.Input(shape=...) of fixed sizes.");
            }
        }
        switch (kerasInputShape.length) {
            case 1 -> {
                shape = Shape.of(kerasInputShape[0]);
                layout = Layout.FLAT;
            }
            case 2 -> {
                shape = Shape.of(kerasInputShape[0], kerasInputShape[1]);
                layout = Layout.SEQUENCE;
            }
            case 3 -> {
                shape = Shape.of(kerasInputShape[2], kerasInputShape[0], kerasInputShape[1]);
                layout = Layout.IMAGE;
            }
            default ->
                throw new KerasImportException(source + ": the model's input shape "
                        + Arrays.toString(kerasInputShape) + " has rank " + kerasInputShape.length
                        + "; only vectors (n), sequences (time, features) and images (height, width, channels) are "
                        + "supported.");
        }
        this.inputShape = shape;
    }

    void useWeights(WeightSource weights) {
        this.weightSource = weights;
    }

    Shape shape() {
        return shape;
    }

    Layout layout() {
        return layout;
    }

    /** The pending Flatten reordering (engine entry e is Keras entry order[e]), or null. */
    int[] flattenOrder() {
        return flattenOrder;
    }

    void setFlattenOrder(int[] order) {
        this.flattenOrder = order;
    }

    /** Appends an engine layer; its output shape becomes the current shape, in the given layout. */
    void add(KerasLayer from, LayerSpec spec, Layout next) throws KerasImportException {
        try {
            shape = spec.outputShape(shape, specs.size());
        } catch (InvalidNetworkException e) {
            throw new KerasImportException(
                    source + ": Keras " + from.label() + " does not fit the engine: " + e.getMessage(), e);
        }
        specs.add(spec);
        layout = next;
    }

    void addWeights(float[] values) {
        weights.add(values);
    }

    void addState(float[] values) {
        state.add(values);
    }

    /** The layer's variables, checked against the shapes it needs ({@code -1}: any size). */
    List<WeightArray> weights(KerasLayer layer, int[]... expected) throws KerasImportException {
        List<WeightArray> ws = weightSource.weights(layer);
        if (ws.isEmpty() && expected.length > 0) {
            throw new KerasImportException(source + ": the file has no weights for Keras " + layer.label()
                    + ", which needs " + Arrays.deepToString(expected) + ". The file is truncated or corrupted, "
                    + "or was saved without weights; save the model again with model.save(...).");
        }
        if (ws.size() != expected.length) {
            throw new KerasImportException(source + ": Keras " + layer.label() + " has " + ws.size()
                    + " weight arrays but needs " + expected.length + " "
                    + Arrays.deepToString(expected) + ". The weights do not belong to this model config.");
        }
        for (int i = 0; i < expected.length; i++) {
            if (!Arrays.equals(ws.get(i).shape(), expected[i])) {
                throw new KerasImportException(source + ": weight " + i + " of Keras " + layer.label() + " has shape "
                        + ws.get(i).shapeText() + " but the layer needs " + Arrays.toString(expected[i])
                        + ". The weights do not belong to this model config.");
            }
        }
        return ws;
    }

    /** A Keras layer the engine cannot take in the current layout; names the layer and the shapes. */
    KerasImportException wrongInput(KerasLayer layer, String needs) {
        return new KerasImportException(source + ": Keras " + layer.label() + " needs " + needs + " but receives "
                + describe() + ". This arrangement of layers is not supported.");
    }

    String describe() {
        return switch (layout) {
            case FLAT -> "a vector " + shape;
            case SEQUENCE -> "a sequence [time, features] " + shape;
            case IMAGE ->
                "an image [height, width, channels] [" + shape.dim(1) + ", " + shape.dim(2) + ", " + shape.dim(0) + "]";
        };
    }

    String source() {
        return source;
    }

    SavedNetwork finish() throws KerasImportException {
        if (flattenOrder != null) {
            throw new KerasImportException(source + ": the model ends with a flattened image, whose element order "
                    + "differs between Keras (height, width, channels) and spark-nn (channels, height, width). "
                    + "Only models whose flattened images feed a Dense layer can be imported.");
        }
        if (layout == Layout.IMAGE) {
            throw new KerasImportException(source + ": the model outputs an image " + describe() + "; only models "
                    + "that output a vector or a sequence can be imported.");
        }
        NetworkSpec.Builder b = NetworkSpec.builder(inputShape);
        specs.forEach(b::add);
        NetworkSpec spec = b.build();
        float[] w = weights.toArray();
        if (w.length != spec.paramCount()) {
            throw new IllegalStateException("Imported " + w.length + " weights for a network of " + spec.paramCount()
                    + " parameters: " + spec.toJson());
        }
        return new SavedNetwork(spec, w, state.toArray(), null, null, null);
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] values = new float[64];
        private int size;

        void add(float[] more) {
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(2 * values.length, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
