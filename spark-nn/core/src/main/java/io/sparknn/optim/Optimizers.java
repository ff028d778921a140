package io.sparknn.optim;

import io.sparknn.optim.config.JsonConfig;
import java.util.List;

/** Finds optimizers by their JSON name and reads their JSON form. */
public final class Optimizers {
    /** The accepted names, in the order error messages list them. */
    public static final List<String> NAMES = List.of(Sgd.NAME, Adam.NAME, AdamW.NAME, RMSprop.NAME, Adagrad.NAME);

    private Optimizers() {}

    /**
     * The optimizer called {@code name} with its default hyper-parameters.
     *
     * @throws IllegalArgumentException naming the accepted names if {@code name} is unknown
     */
    public static Optimizer byName(String name) {
        if (name == null) {
            throw unknown(null);
        }
        return switch (name) {
            case Sgd.NAME -> new Sgd();
            case Adam.NAME -> new Adam();
            case AdamW.NAME -> new AdamW();
            case RMSprop.NAME -> new RMSprop();
            case Adagrad.NAME -> new Adagrad();
            default -> throw unknown(name);
        };
    }

    /**
     * Reads an optimizer such as
     * {@code {"name":"adam","beta1":0.9,"beta2":0.999,"epsilon":1e-8,"weightDecay":0}}.
     * Missing keys take the defaults documented on each optimizer.
     *
     * @throws IllegalArgumentException if the name or a key is unknown, a value has the wrong
     *     type or is out of range; the message names the offending key and value
     */
    public static Optimizer fromJson(String json) {
        JsonConfig config = JsonConfig.parse("optimizer", json);
        String name = config.name();
        return switch (name) {
            case Sgd.NAME -> Sgd.read(config);
            case Adam.NAME -> Adam.read(config);
            case AdamW.NAME -> AdamW.read(config);
            case RMSprop.NAME -> RMSprop.read(config);
            case Adagrad.NAME -> Adagrad.read(config);
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(
                "Unknown optimizer '" + name + "'. Accepted names: " + String.join(", ", NAMES) + ".");
    }
}
