package io.sparknn.model;

import java.nio.charset.StandardCharsets;

/**
 * Every reader error of the model file, in one place so the messages stay consistent: what is
 * wrong (with the actual values and offsets), why it probably happened, and what to do.
 */
final class ModelFileErrors {
    private static final String CORRUPTED =
            ": the file is corrupted. Restore it from a backup or " + "save the model again.";

    private ModelFileErrors() {}

    static ModelFormatException notAModelFile(String source, byte[] found, byte[] expected) {
        return error(
                source,
                "not a spark-nn model file (magic " + hex(found) + " found; expected "
                        + hex(expected) + " = \"SPARKNN\\0\"). The path probably points at another kind of "
                        + "file; for a saved Spark model, read the file under its data/ directory.");
    }

    static ModelFormatException unsupportedVersion(String source, long version) {
        String why = version > ModelFile.FORMAT_VERSION
                ? "The file was written by a newer spark-nn; load it with that version or later."
                : "No spark-nn release writes version " + version + CORRUPTED;
        return error(
                source,
                "unsupported format version " + version + " (this build reads up to " + ModelFile.FORMAT_VERSION + "). "
                        + why);
    }

    static ModelFormatException truncated(String source, String what, long offset, long needed, long available) {
        return error(
                source,
                "the file is truncated: reading " + what + " needs " + needed
                        + " bytes at offset " + offset + " but only " + available + " are available. The "
                        + "file was cut short, e.g. by an interrupted write or copy; copy it again or save "
                        + "the model again.");
    }

    static ModelFormatException checksumMismatch(String source, int stored, int computed) {
        return error(
                source,
                String.format("checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, computed) + CORRUPTED);
    }

    static ModelFormatException impossibleLength(
            String source, Section section, long offset, String length, String reason) {
        return error(
                source,
                "section " + section + " at offset " + offset
                        + " declares an impossible length of " + length + " bytes (" + reason + ")"
                        + CORRUPTED);
    }

    static ModelFormatException impossibleCount(String source, String what, long offset, long count, String reason) {
        return error(
                source,
                what + " at offset " + offset + " is " + count + ", which is impossible (" + reason + ")" + CORRUPTED);
    }

    static ModelFormatException sectionOverrun(
            String source, Section section, String what, long offset, long needed, long sectionEnd) {
        return error(
                source,
                "section " + section + " is inconsistent: reading " + what + " needs "
                        + needed + " bytes at offset " + offset + " but the section ends at offset " + sectionEnd
                        + CORRUPTED);
    }

    static ModelFormatException sectionUnderrun(String source, Section section, long sectionEnd, long contentEnd) {
        return error(
                source,
                "section " + section + " is inconsistent: its length says it ends at "
                        + "offset " + sectionEnd + " but its content ends at offset " + contentEnd
                        + CORRUPTED);
    }

    static ModelFormatException slotLengthMismatch(String source, long offset, long slotLength, int weightCount) {
        return error(
                source,
                "the optimizer slots at offset " + offset + " hold " + slotLength
                        + " values each but the file has " + weightCount + " weights; they must match"
                        + CORRUPTED);
    }

    static ModelFormatException notSorted(String source, String what, long offset, String name, String previous) {
        return error(
                source,
                what + " '" + name + "' at offset " + offset + " does not sort after '" + previous
                        + "'; entries are written sorted and unique" + CORRUPTED);
    }

    static ModelFormatException unknownTag(String source, int tag, long offset) {
        return error(
                source,
                String.format(
                        "unknown section tag 0x%08x (bytes %s) at offset %d; "
                                + "format version %d knows only %s. Version 1 files are read strictly: an unknown "
                                + "tag means the file is corrupted or was written by a build that added a section "
                                + "without raising the format version.",
                        tag, hex(tagBytes(tag)), offset, ModelFile.FORMAT_VERSION, sectionList()));
    }

    static ModelFormatException outOfOrder(String source, Section section, long offset) {
        return error(
                source,
                "section " + section + " at offset " + offset + " is repeated or out "
                        + "of order; format version 1 requires the order " + sectionList() + CORRUPTED);
    }

    static ModelFormatException missingSection(String source, Section missing, Section found, long offset) {
        return error(
                source,
                "required section " + missing + " is missing (found " + found
                        + " at offset " + offset + " where " + missing + " should be); version 1 files "
                        + "contain " + sectionList() + CORRUPTED);
    }

    static ModelFormatException trailingBytes(String source, long offset) {
        return error(
                source,
                "unexpected data after the checksum at offset " + offset
                        + ", where the file must end (were two files concatenated?)" + CORRUPTED);
    }

    private static String sectionList() {
        StringBuilder sb = new StringBuilder();
        for (Section s : Section.values()) {
            String name = s + " (\"" + new String(tagBytes(s.tag()), StandardCharsets.US_ASCII) + "\")";
            sb.append(sb.length() == 0 ? "" : ", ").append(s.required() ? name : "[" + name + "]");
        }
        return sb.toString();
    }

    private static byte[] tagBytes(int tag) {
        return new byte[] {(byte) tag, (byte) (tag >>> 8), (byte) (tag >>> 16), (byte) (tag >>> 24)};
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    private static ModelFormatException error(String source, String problem) {
        return new ModelFormatException("Cannot read model file " + source + ": " + problem);
    }
}
