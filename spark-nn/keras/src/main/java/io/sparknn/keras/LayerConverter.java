package io.sparknn.keras;

/** Turns one Keras layer into engine layers and weights on the {@link NetworkAssembler}. */
@FunctionalInterface
interface LayerConverter {
    void convert(KerasLayer layer, NetworkAssembler net) throws KerasImportException;
}
