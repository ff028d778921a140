package io.sparknn.optim;

import java.util.List;

/** One instance of every optimizer configuration the tests (and the optimizer-step benchmark) cover. */
public final class AllOptimizers {
    private AllOptimizers() {}

    public static List<Optimizer> list() {
        return List.of(
                new Sgd(),
                new Sgd().withWeightDecay(0.01),
                Sgd.withMomentum(0.9),
                Sgd.withNesterov(0.9).withWeightDecay(1e-4),
                new Adam(),
                new Adam().withBetas(0.8, 0.99).withEpsilon(1e-6).withWeightDecay(0.001),
                new AdamW(),
                new RMSprop(),
                new RMSprop().withRho(0.9).withMomentum(0.5).withWeightDecay(0.01),
                new Adagrad(),
                new Adagrad().withInitialAccumulatorValue(0.1).withEpsilon(1e-7));
    }
}
