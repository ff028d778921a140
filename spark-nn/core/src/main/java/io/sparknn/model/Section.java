package io.sparknn.model;

import java.nio.charset.StandardCharsets;

/**
 * The section kinds of format version 1, in the order they must appear in a file. A tag is the
 * four ASCII bytes of its name read as a little-endian u32, so a hex dump shows the name.
 */
enum Section {
    SPEC("SPEC", true),
    WEIGHTS("WGHT", true),
    OPTIMIZER("OPTM", false),
    TRAINING_STATE("TRST", false),
    BUFFERS("BUFS", false),
    END("END!", true);

    private final int tag;
    private final boolean required;

    Section(String fourCc, boolean required) {
        byte[] b = fourCc.getBytes(StandardCharsets.US_ASCII);
        this.tag = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        this.required = required;
    }

    int tag() {
        return tag;
    }

    boolean required() {
        return required;
    }

    /** The section with this tag, or {@code null} if version 1 has none. */
    static Section forTag(int tag) {
        for (Section s : values()) {
            if (s.tag == tag) {
                return s;
            }
        }
        return null;
    }
}
