package io.sparknn.keras;

import java.util.List;

/** Where a model file keeps each layer's variables, in the order Keras creates them. */
interface WeightSource {
    /**
     * The variables of {@code layer} (e.g. kernel then bias), empty for a layer without any,
     * or an error naming the layer when they cannot be read.
     */
    List<WeightArray> weights(KerasLayer layer) throws KerasImportException;
}
