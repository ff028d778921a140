package io.sparknn.jobs.modelimport;

import io.sparknn.keras.KerasModelImporter;
import io.sparknn.model.SavedNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Keras 3 archives and legacy HDF5 files, through {@link KerasModelImporter}. */
final class KerasFormat implements ModelFormat {
    @Override
    public String name() {
        return "Keras";
    }

    @Override
    public List<String> extensions() {
        return List.of(".keras", ".h5", ".hdf5");
    }

    @Override
    public SavedNetwork read(Path file) throws IOException {
        return KerasModelImporter.read(file);
    }
}
