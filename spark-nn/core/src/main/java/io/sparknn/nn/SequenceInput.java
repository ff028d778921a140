package io.sparknn.nn;

import io.sparknn.nn.layer.InvalidNetworkException;
import io.sparknn.tensor.Shape;

/** The input check shared by the layers that read sequences {@code [time, features]}. */
final class SequenceInput {
    private SequenceInput() {}

    static void require(Shape input, int index, String layer) {
        if (input.rank() != 2) {
            throw new InvalidNetworkException("Layer " + index + " (" + layer + ") needs sequences of shape "
                    + "[time, features] but receives " + input + ". Put an Embedding before it for token ids, "
                    + "give the network an input shape [time, features], or use returnSequences=true on the "
                    + "recurrent layer before it.");
        }
    }
}
