package io.sparknn.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparknn.jobs.ConfigException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * Sets a stage's Spark params from the {@code estimator:} section of a job config, by param
 * name: the YAML value must have the param's type and pass its validator. Structured values for
 * string params (the network spec, an optimizer with settings) are passed on as JSON.
 */
public final class EstimatorParams {
    private EstimatorParams() {}

    public static void apply(Params stage, Map<String, JsonNode> values, String section) {
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            String key = section + "." + e.getKey();
            if (!stage.hasParam(e.getKey())) {
                String known =
                        Arrays.stream(stage.params()).map(Param::name).sorted().collect(Collectors.joining(", "));
                throw new ConfigException(
                        "Unknown key '" + key + "': " + stage.getClass().getSimpleName() + " has no param '"
                                + e.getKey() + "'. Its params: " + known + ".");
            }
            Param<Object> param = stage.getParam(e.getKey());
            Object value = convert(param, e.getValue(), key);
            StructuredParams.check(e.getKey(), value, key);
            try {
                stage.set(param, value);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(
                        "Key '" + key + "' has the invalid value " + e.getValue() + ": " + param.doc() + ".", ex);
            }
        }
    }

    private static Object convert(Param<?> p, JsonNode v, String key) {
        if (p instanceof IntParam) {
            require(v.isIntegralNumber() && v.canConvertToInt(), key, v, "an integer");
            return v.intValue();
        }
        if (p instanceof LongParam) {
            require(v.isIntegralNumber() && v.canConvertToLong(), key, v, "an integer");
            return v.longValue();
        }
        if (p instanceof DoubleParam || p instanceof FloatParam) {
            // YAML's .inf and .nan are numbers to the parser; no param of a network takes them.
            require(v.isNumber() && Double.isFinite(v.doubleValue()), key, v, "a finite number");
            return p instanceof FloatParam ? (Object) v.floatValue() : (Object) v.doubleValue();
        }
        if (p instanceof BooleanParam) {
            require(v.isBoolean(), key, v, "true or false");
            return v.booleanValue();
        }
        if (p instanceof IntArrayParam) {
            require(v.isArray(), key, v, "a list of integers");
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                require(
                        v.get(i).isIntegralNumber() && v.get(i).canConvertToInt(),
                        key + "[" + i + "]",
                        v.get(i),
                        "an integer");
                out[i] = v.get(i).intValue();
            }
            return out;
        }
        if (p instanceof StringArrayParam) {
            require(v.isArray(), key, v, "a list of names");
            String[] out = new String[v.size()];
            for (int i = 0; i < out.length; i++) {
                require(v.get(i).isTextual(), key + "[" + i + "]", v.get(i), "a name");
                out[i] = v.get(i).textValue();
            }
            return out;
        }
        // A plain Param<String>: text as is, structured values (network, optimizer settings) as JSON.
        require(!v.isNull(), key, v, "a value");
        return v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : v.toString();
    }

    private static void require(boolean ok, String key, JsonNode v, String expected) {
        if (!ok) {
            throw new ConfigException("Key '" + key + "' must be " + expected + ", got "
                    + (v.isNumber() ? v.asText() : v) + (v.isTextual() ? " (text)" : "") + ".");
        }
    }
}
