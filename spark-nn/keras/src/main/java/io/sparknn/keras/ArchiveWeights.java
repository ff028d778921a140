package io.sparknn.keras;

import io.jhdf.api.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * The variables of a Keras 3 {@code model.weights.h5}: {@code layers/<weightsName>/vars/0, 1, ...}
 * and, for recurrent layers, {@code layers/<weightsName>/cell/vars/0, 1, ...}.
 */
final class ArchiveWeights implements WeightSource {
    private final Group root;
    private final String source;

    ArchiveWeights(Group root, String source) {
        this.root = root;
        this.source = source;
    }

    @Override
    public List<WeightArray> weights(KerasLayer layer) throws KerasImportException {
        List<WeightArray> out = new ArrayList<>();
        String base = "layers/" + layer.weightsName();
        collect(base + "/vars/", out);
        collect(base + "/cell/vars/", out);
        return out;
    }

    private void collect(String prefix, List<WeightArray> out) throws KerasImportException {
        for (int i = 0; ; i++) {
            WeightArray w = HdfArrays.readOrNull(root, prefix + i, source);
            if (w == null) {
                return;
            }
            out.add(w);
        }
    }
}
