package io.sparknn.init;

/** Which fan a variance-scaling initialiser divides by (Keras's {@code mode}). */
enum FanMode {
    /** {@code fanIn}, as in He initialisation. */
    FAN_IN,
    /** {@code (fanIn + fanOut) / 2}, as in Glorot initialisation. */
    FAN_AVG;

    double fan(String initializer, int fanIn, int fanOut) {
        if (fanIn <= 0 || (this == FAN_AVG && fanOut <= 0)) {
            throw new IllegalArgumentException("Initializer '" + initializer + "' needs "
                    + (this == FAN_IN ? "fanIn > 0" : "fanIn > 0 and fanOut > 0") + ", got fanIn "
                    + fanIn + " and fanOut " + fanOut + ". Pass the layer's input and output"
                    + " sizes (times the kernel area for convolutions).");
        }
        return this == FAN_IN ? fanIn : (fanIn + (double) fanOut) / 2;
    }
}
