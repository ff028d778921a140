package io.sparknn.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The variables of a legacy Keras HDF5 file: group {@code model_weights/<layer name>} lists them,
 * in order, in its {@code weight_names} attribute, each a dataset path below the group.
 */
final class LegacyWeights implements WeightSource {
    private final Group modelWeights;
    private final String source;

    LegacyWeights(Group modelWeights, String source) {
        this.modelWeights = modelWeights;
        this.source = source;
    }

    @Override
    public List<WeightArray> weights(KerasLayer layer) throws KerasImportException {
        Node node = HdfArrays.node(modelWeights, layer.name());
        if (!(node instanceof Group group)) {
            return List.of();
        }
        String[] names = HdfArrays.strings(group, "weight_names");
        if (names == null) {
            throw new KerasImportException(source + ": the weights of Keras " + layer.label()
                    + " have no weight_names list. The file was not written by Keras' model.save().");
        }
        List<WeightArray> out = new ArrayList<>(names.length);
        for (String name : names) {
            Node w = HdfArrays.node(group, name);
            if (!(w instanceof Dataset dataset)) {
                throw new KerasImportException(source + ": the weight '" + name + "' of Keras " + layer.label()
                        + " is listed but missing. The file is truncated or corrupted; save the model again.");
            }
            out.add(HdfArrays.read(dataset, source));
        }
        return out;
    }
}
