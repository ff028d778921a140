package io.sparknn.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/** Reads Keras variables and string attributes out of an HDF5 tree, with errors naming the place. */
final class HdfArrays {
    private HdfArrays() {}

    /** The node at {@code path} below {@code group}, or null when there is none. */
    static Node node(Group group, String path) {
        try {
            return group.getByPath(path);
        } catch (HdfException e) {
            return null; // jhdf reports a missing path as an exception
        }
    }

    /** The dataset at {@code path} below {@code group} as floats, or null when there is none. */
    static WeightArray readOrNull(Group group, String path, String source) throws KerasImportException {
        Node node = node(group, path);
        if (!(node instanceof Dataset dataset)) {
            return null;
        }
        return read(dataset, source);
    }

    static WeightArray read(Dataset dataset, String source) throws KerasImportException {
        try {
            Object flat = dataset.getDataFlat();
            float[] values;
            if (flat instanceof float[] f) {
                values = f;
            } else if (flat instanceof double[] d) {
                values = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    values[i] = (float) d[i];
                }
            } else {
                throw new KerasImportException(source + ": the variable " + dataset.getPath() + " holds "
                        + dataset.getJavaType().getSimpleName() + " values, not floating point numbers. "
                        + "Save the model with float32 weights.");
            }
            return new WeightArray(dataset.getDimensions(), values);
        } catch (HdfException e) {
            throw new KerasImportException(
                    source + ": cannot read the variable " + dataset.getPath() + ": " + e.getMessage()
                            + ". The file is truncated or corrupted; save the model again.",
                    e);
        }
    }

    /** A string attribute (scalar, or the elements of a string array), or null when absent. */
    static String[] strings(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object data = a.getData();
        if (data instanceof String s) {
            return new String[] {s};
        }
        if (data instanceof String[] s) {
            return s;
        }
        if (data instanceof Object[] array && array.length == 0) {
            return new String[0];
        }
        // Keras writes an empty name list as a float array.
        return data != null && data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 0
                ? new String[0]
                : null;
    }
}
