package io.sparknn.optim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.optim.config.JsonConfig;

/**
 * What {@link Adam} and {@link AdamW} share: the four hyper-parameters, two moment slots per
 * weight, and the JSON form. They differ only in how the weight decay enters the update.
 */
sealed interface AdamFamily extends Optimizer permits Adam, AdamW {
    double beta1();

    double beta2();

    double epsilon();

    double weightDecay();

    @Override
    default int slotCount() {
        return 2;
    }

    @Override
    default OptimizerState newState(int length) {
        return OptimizerState.zeros(length, 2);
    }

    @Override
    default String toJson() {
        ObjectNode json = JsonConfig.newObject(name());
        json.put("beta1", beta1());
        json.put("beta2", beta2());
        json.put("epsilon", epsilon());
        json.put("weightDecay", weightDecay());
        return JsonConfig.write(json);
    }

    /** The four keys both accept, PyTorch's defaults except the weight decay, which differs. */
    static <T extends AdamFamily> T read(JsonConfig json, double defaultWeightDecay, Constructor<T> constructor) {
        json.requireOnlyKeys("beta1", "beta2", "epsilon", "weightDecay");
        return constructor.create(
                json.number("beta1", 0.9),
                json.number("beta2", 0.999),
                json.number("epsilon", 1e-8),
                json.number("weightDecay", defaultWeightDecay));
    }

    /** The canonical constructor of {@link Adam} or {@link AdamW}. */
    interface Constructor<T> {
        T create(double beta1, double beta2, double epsilon, double weightDecay);
    }
}
