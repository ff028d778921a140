package io.sparknn.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@link ReportDetails} under the metrics file's {@code report} key. Pixels
 * travel as base64 of big-endian floats so that a 784-pixel image stays one short string.
 */
public final class ReportDetailsJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportDetailsJson() {}

    public static ObjectNode write(ReportDetails d) {
        ObjectNode n = F.objectNode();
        if (d.model() != null) {
            ObjectNode m = n.putObject("model");
            m.put("inputShape", d.model().inputShape());
            ArrayNode layers = m.putArray("layers");
            for (ModelSummary.Layer l : d.model().layers()) {
                layers.addObject()
                        .put("name", l.name())
                        .put("outputShape", l.outputShape())
                        .put("params", l.params())
                        .put("flops", l.flops())
                        .put("frozen", l.frozen());
            }
        }
        if (d.classification() != null) {
            ClassificationDetails c = d.classification();
            ObjectNode cn = n.putObject("classification");
            if (c.classNames() != null) {
                c.classNames().forEach(cn.putArray("classNames")::add);
            }
            ArrayNode cm = cn.putArray("confusion");
            for (long[] row : c.confusion()) {
                ArrayNode r = cm.addArray();
                for (long v : row) {
                    r.add(v);
                }
            }
            ArrayNode ex = cn.putArray("misclassified");
            for (Misclassified e : c.examples()) {
                ex.addObject()
                        .put("label", e.label())
                        .put("predicted", e.predicted())
                        .put("confidence", e.confidence())
                        .put("channels", e.channels())
                        .put("height", e.height())
                        .put("width", e.width())
                        .put("pixels", Base64.getEncoder().encodeToString(bytes(e.pixels())));
            }
        }
        if (d.regression() != null) {
            ObjectNode r = n.putObject("regression");
            r.put("rows", d.regression().rows());
            doubles(r.putArray("actual"), d.regression().actual());
            doubles(r.putArray("predicted"), d.regression().predicted());
        }
        if (d.environment() != null) {
            ObjectNode env = n.putObject("environment");
            d.environment().forEach(env::put);
        }
        return n;
    }

    public static ReportDetails read(JsonNode n) {
        ModelSummary model = null;
        if (n.has("model")) {
            List<ModelSummary.Layer> layers = new ArrayList<>();
            for (JsonNode l : n.get("model").path("layers")) {
                layers.add(new ModelSummary.Layer(
                        l.path("name").asText(),
                        l.path("outputShape").asText(),
                        l.path("params").asLong(),
                        l.path("flops").asLong(),
                        l.path("frozen").asBoolean()));
            }
            model = new ModelSummary(n.get("model").path("inputShape").asText(), List.copyOf(layers));
        }
        ClassificationDetails classification = null;
        if (n.has("classification")) {
            JsonNode c = n.get("classification");
            List<String> names = null;
            if (c.has("classNames")) {
                names = new ArrayList<>();
                for (JsonNode s : c.get("classNames")) {
                    names.add(s.asText());
                }
            }
            JsonNode cm = c.path("confusion");
            long[][] confusion = new long[cm.size()][];
            for (int i = 0; i < confusion.length; i++) {
                confusion[i] = new long[cm.get(i).size()];
                for (int j = 0; j < confusion[i].length; j++) {
                    confusion[i][j] = cm.get(i).get(j).asLong();
                }
            }
            List<Misclassified> examples = new ArrayList<>();
            for (JsonNode e : c.path("misclassified")) {
                examples.add(new Misclassified(
                        e.path("label").asInt(),
                        e.path("predicted").asInt(),
                        e.path("confidence").asDouble(),
                        e.path("channels").asInt(),
                        e.path("height").asInt(),
                        e.path("width").asInt(),
                        floats(Base64.getDecoder().decode(e.path("pixels").asText()))));
            }
            classification = new ClassificationDetails(names, confusion, examples);
        }
        RegressionDetails regression = null;
        if (n.has("regression")) {
            JsonNode r = n.get("regression");
            regression = new RegressionDetails(
                    doubles(r.path("actual")),
                    doubles(r.path("predicted")),
                    r.path("rows").asLong());
        }
        Map<String, String> env = new LinkedHashMap<>();
        n.path("environment")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return new ReportDetails(model, classification, regression, env);
    }

    private static void doubles(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static byte[] bytes(float[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(out);
        return out;
    }
}
