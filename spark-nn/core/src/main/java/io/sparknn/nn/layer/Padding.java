package io.sparknn.nn.layer;

import java.util.Locale;

/**
 * How a convolution or pooling window treats the borders. Three forms:
 *
 * <ul>
 *   <li>{@link #VALID}: no padding, the window stays inside the input,
 *       {@code out = floor((in - k) / s) + 1}.
 *   <li>{@link #SAME} (Keras/TensorFlow): {@code out = ceil(in / s)}, with the padding needed for
 *       that split as evenly as possible and the odd element at the bottom/right.
 *   <li>{@link #explicit(int, int, int, int) explicit}: fixed rows and columns added at the top,
 *       bottom, left and right, possibly asymmetric, {@code out = floor((in + before + after - k) / s) + 1}
 *       per axis (PyTorch's {@code padding=p} is {@code explicit(p, p, p, p)}; ONNX's
 *       {@code pads=[t, l, b, r]} is {@code explicit(t, b, l, r)}). It differs from {@code same} for
 *       even inputs with stride 2, where TensorFlow puts the single extra row at the bottom only.
 * </ul>
 *
 * Padded cells are zeros for a convolution, never win a max pooling, and are not counted by an
 * average pooling (the mean is over the window's cells inside the input, as TensorFlow's
 * {@code same} and ONNX's {@code count_include_pad=0}) unless the pooling counts padding
 * ({@link io.sparknn.nn.AveragePooling2D#countPadding()}). Values: equal form and pads, equal padding.
 */
public final class Padding {
    public static final Padding VALID = new Padding("valid", 0, 0, 0, 0);
    public static final Padding SAME = new Padding("same", 0, 0, 0, 0);

    /** Axis index of {@link #outputSize}/{@link #padBefore}: rows. */
    public static final int HEIGHT = 0;
    /** Axis index of {@link #outputSize}/{@link #padBefore}: columns. */
    public static final int WIDTH = 1;

    /** "valid", "same", or null for explicit pads. */
    private final String keyword;

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    private Padding(String keyword, int top, int bottom, int left, int right) {
        this.keyword = keyword;
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /**
     * Fixed pads in rows (top, bottom) and columns (left, right); all zero is {@link #VALID}.
     * Negative pads are an error naming the values.
     */
    public static Padding explicit(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new InvalidNetworkException(
                    "Explicit padding must be non-negative, got [top, bottom, left, right] = [" + top + ", " + bottom
                            + ", " + left + ", " + right + "].");
        }
        if (top == 0 && bottom == 0 && left == 0 && right == 0) {
            return VALID;
        }
        return new Padding(null, top, bottom, left, right);
    }

    /** The same {@code p} rows and columns on every side, as PyTorch's {@code padding=p}. */
    public static Padding explicit(int p) {
        return explicit(p, p, p, p);
    }

    /** Whether this padding has fixed pads rather than a keyword. */
    public boolean isExplicit() {
        return keyword == null;
    }

    /** The keyword {@code valid} or {@code same}; an error for explicit padding (use {@link #pads()}). */
    public String keyword() {
        if (keyword == null) {
            throw new IllegalStateException("Explicit padding " + this + " has no keyword; read pads()");
        }
        return keyword;
    }

    /** {@code [top, bottom, left, right]} of explicit padding; zeros for the keyword forms. */
    public int[] pads() {
        return new int[] {top, bottom, left, right};
    }

    private int before(int axis) {
        return axis == HEIGHT ? top : left;
    }

    private int after(int axis) {
        return axis == HEIGHT ? bottom : right;
    }

    /**
     * Output length along {@code axis} ({@link #HEIGHT} or {@link #WIDTH}) of length {@code in} for
     * window {@code k} and stride {@code s}; 0 when the window does not fit.
     */
    public int outputSize(int axis, int in, int k, int s) {
        if (this == SAME) {
            return (in + s - 1) / s;
        }
        int padded = in + before(axis) + after(axis);
        return padded < k ? 0 : (padded - k) / s + 1;
    }

    /** Padding before the first element (top or left) along {@code axis}. */
    public int padBefore(int axis, int in, int k, int s) {
        if (this == SAME) {
            return Math.max((outputSize(axis, in, k, s) - 1) * s + k - in, 0) / 2;
        }
        return before(axis);
    }

    /** Whether some pad along {@code axis} is at least {@code k}, so a window could hold only padding. */
    public boolean exceedsWindow(int axis, int k) {
        return before(axis) >= k || after(axis) >= k;
    }

    /** Parses a keyword (case-insensitive); null means {@code valid}. */
    public static Padding fromKeyword(String name) {
        if (name == null) {
            return VALID;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals(VALID.keyword)) {
            return VALID;
        }
        if (n.equals(SAME.keyword)) {
            return SAME;
        }
        throw new InvalidNetworkException(
                "Unknown padding '" + name + "'. Use 'valid', 'same' or explicit pads [top, bottom, left, right].");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Padding p
                && java.util.Objects.equals(keyword, p.keyword)
                && top == p.top
                && bottom == p.bottom
                && left == p.left
                && right == p.right;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(keyword, top, bottom, left, right);
    }

    /** {@code valid}, {@code same}, or {@code pads [t, b, l, r]} as layer labels show it. */
    @Override
    public String toString() {
        return keyword != null ? keyword : "pads [" + top + ", " + bottom + ", " + left + ", " + right + "]";
    }
}
