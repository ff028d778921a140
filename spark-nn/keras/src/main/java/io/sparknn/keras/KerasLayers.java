package io.sparknn.keras;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Keras layer classes the importer takes, by class name (aliases included), and their converters. */
final class KerasLayers {
    private static final Map<String, LayerConverter> CONVERTERS = new LinkedHashMap<>();

    static {
        CoreLayers.register(CONVERTERS);
        ImageLayers.register(CONVERTERS);
        SequenceLayers.register(CONVERTERS);
    }

    private KerasLayers() {}

    static void convert(KerasLayer layer, NetworkAssembler net) throws KerasImportException {
        LayerConverter c = CONVERTERS.get(layer.className());
        if (c == null) {
            throw new KerasImportException(net.source() + ": Keras " + layer.label() + " has a layer class spark-nn "
                    + "does not have. Supported Keras layers: InputLayer, " + String.join(", ", CONVERTERS.keySet())
                    + ".");
        }
        c.convert(layer, net);
    }
}
