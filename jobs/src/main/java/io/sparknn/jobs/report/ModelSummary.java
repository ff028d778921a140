package io.sparknn.jobs.report;

import io.sparknn.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Keras-style summary of a network: one row per layer with its output shape, parameters and
 * forward FLOPs per sample, and the totals split into trainable and frozen parameters.
 */
public record ModelSummary(String inputShape, List<Layer> layers) {

    /** One layer; {@code frozen} when training kept its weights fixed ({@code frozenLayers}). */
    public record Layer(String name, String outputShape, long params, long flops, boolean frozen) {}

    public static ModelSummary of(NetworkSpec spec, int[] frozenLayers) {
        List<Layer> rows = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            // layerName is "layer i (Dense(10, relu))": the part in parentheses names the layer.
            String full = spec.layerName(i);
            String name = full.substring(full.indexOf('(') + 1, full.length() - 1);
            int index = i;
            rows.add(new Layer(
                    name,
                    spec.outputShape(i).toString(),
                    spec.layers().get(i).paramCount(spec.inputShape(i)),
                    spec.layers().get(i).flopsPerSample(spec.inputShape(i)),
                    Arrays.stream(frozenLayers).anyMatch(l -> l == index)));
        }
        return new ModelSummary(spec.inputShape().toString(), List.copyOf(rows));
    }

    public long params() {
        return layers.stream().mapToLong(Layer::params).sum();
    }

    public long frozenParams() {
        return layers.stream().filter(Layer::frozen).mapToLong(Layer::params).sum();
    }

    public long flops() {
        return layers.stream().mapToLong(Layer::flops).sum();
    }
}
