package io.sparknn.jobs.modelimport;

import io.sparknn.model.SavedNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One foreign model format the import job reads, e.g. Keras. */
public interface ModelFormat {
    /** The format's name in messages and in the model's provenance, e.g. {@code Keras}. */
    String name();

    /** The file extensions it reads, lower case with the dot, e.g. {@code .keras}. */
    List<String> extensions();

    /**
     * The network in {@code file}.
     *
     * @throws IOException the file cannot be read or is not a model of this format the engine
     *                     can compute; the message names the file and the problem
     */
    SavedNetwork read(Path file) throws IOException;
}
