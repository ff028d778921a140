package io.sparknn.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparknn.nn.layer.Padding;

/**
 * The JSON form of a {@link Padding}: {@code "padding": "valid"} or {@code "same"} as before, or
 * explicit pads {@code "padding": [top, bottom, left, right]}. Absent means {@code valid}, so
 * networks written before explicit pads existed read unchanged.
 */
final class PaddingJson {
    private static final String KEY = "padding";

    private PaddingJson() {}

    static void write(ObjectNode node, Padding padding) {
        if (!padding.isExplicit()) {
            node.put(KEY, padding.keyword());
            return;
        }
        ArrayNode pads = node.putArray(KEY);
        for (int p : padding.pads()) {
            pads.add(p);
        }
    }

    static Padding read(LayerConfig c) {
        JsonNode v = c.get(KEY);
        if (v == null || v.isNull()) {
            return Padding.VALID;
        }
        if (v.isTextual()) {
            return Padding.fromKeyword(v.asText());
        }
        if (v.isArray() && v.size() == 4) {
            int[] pads = new int[4];
            for (int i = 0; i < 4; i++) {
                JsonNode p = v.get(i);
                if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0) {
                    throw c.bad(KEY, EXPECTED);
                }
                pads[i] = p.intValue();
            }
            return Padding.explicit(pads[0], pads[1], pads[2], pads[3]);
        }
        throw c.bad(KEY, EXPECTED);
    }

    private static final String EXPECTED = "\"valid\", \"same\" or [top, bottom, left, right] of non-negative integers";
}
