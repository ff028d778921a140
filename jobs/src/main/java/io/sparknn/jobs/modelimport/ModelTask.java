package io.sparknn.jobs.modelimport;

import io.sparknn.jobs.ConfigException;
import io.sparknn.nn.ActivationSpec;
import io.sparknn.nn.Dense;
import io.sparknn.nn.LayerSpec;
import io.sparknn.nn.NetworkSpec;
import io.sparknn.nn.layer.Activation;
import java.util.Locale;

/** What the imported network's output means: class scores or regression targets. */
public enum ModelTask {
    CLASSIFICATION,
    REGRESSION;

    /** {@code classification} or {@code regression} (case-insensitive), else a usage error. */
    public static ModelTask parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--task '" + value + "' is not a task: use classification or regression.");
        }
    }

    /**
     * The task a network's last layer implies when none is given: classification when it ends in
     * softmax, or in sigmoid over one unit; regression otherwise.
     */
    static ModelTask inferred(NetworkSpec spec) {
        LayerSpec last = spec.layers().get(spec.layers().size() - 1);
        Activation a = last instanceof Dense d
                ? d.activation()
                : last instanceof ActivationSpec s ? s.activation() : Activation.LINEAR;
        boolean oneUnit = spec.outputShape().rank() == 1 && spec.outputShape().dim(0) == 1;
        return a == Activation.SOFTMAX || (a == Activation.SIGMOID && oneUnit) ? CLASSIFICATION : REGRESSION;
    }

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
