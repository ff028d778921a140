package io.sparknn.jobs.modelimport;

import io.sparknn.model.SavedNetwork;
import io.sparknn.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** ONNX models whose graph is a linear chain (e.g. an nn.Sequential from torch.onnx.export), through {@link OnnxImporter}. */
final class OnnxFormat implements ModelFormat {
    @Override
    public String name() {
        return "ONNX";
    }

    @Override
    public List<String> extensions() {
        return List.of(".onnx");
    }

    @Override
    public SavedNetwork read(Path file) throws IOException {
        return OnnxImporter.read(file);
    }
}
