package dev.vla4j.policy.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Statistics of one feature in {@code meta/stats.json}: per dimension (numeric features) or per channel (images,
 * pixel values in [0, 1]) min, max, mean, std and the quantiles {@link #QUANTILE_KEYS}; {@code count} is the
 * number of frames (images: the number of images). The policy normalizes actions with {@code q01}/{@code q99}.
 *
 * @param quantiles {@code quantiles[k][d]} is quantile {@code QUANTILES[k]} of dimension {@code d}
 */
public record FeatureStats(double[] min, double[] max, double[] mean, double[] std, long count,
                           double[][] quantiles) {

    /** The quantile levels, as LeRobot records them. */
    static final double[] QUANTILES = {0.01, 0.10, 0.50, 0.90, 0.99};
    static final String[] QUANTILE_KEYS = {"q01", "q10", "q50", "q90", "q99"};
    private static final String[] MOMENT_KEYS = {"min", "max", "mean", "std"};

    public FeatureStats {
        int dims = min.length;
        if (dims == 0 || max.length != dims || mean.length != dims || std.length != dims
                || quantiles.length != QUANTILES.length) {
            throw new IllegalArgumentException("inconsistent statistics arrays");
        }
        for (double[] q : quantiles) {
            if (q.length != dims) {
                throw new IllegalArgumentException("quantile array has " + q.length + " values, expected " + dims);
            }
        }
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
    }

    public int dims() {
        return min.length;
    }

    public double[] q01() {
        return quantile("q01");
    }

    public double[] q99() {
        return quantile("q99");
    }

    /** The quantile called {@code key} (one of {@link #QUANTILE_KEYS}). */
    public double[] quantile(String key) {
        for (int k = 0; k < QUANTILE_KEYS.length; k++) {
            if (QUANTILE_KEYS[k].equals(key)) {
                return quantiles[k];
            }
        }
        throw new IllegalArgumentException("no quantile '" + key + "'; known: q01, q10, q50, q90, q99");
    }

    /** JSON as LeRobot writes it: vectors for numeric features, {@code [[[r]],[[g]],[[b]]]} for images. */
    ObjectNode toJson(boolean image) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        double[][] moments = {min, max, mean, std};
        for (int k = 0; k < MOMENT_KEYS.length; k++) {
            node.set(MOMENT_KEYS[k], array(moments[k], image));
        }
        node.putArray("count").add(count);
        for (int k = 0; k < QUANTILE_KEYS.length; k++) {
            node.set(QUANTILE_KEYS[k], array(quantiles[k], image));
        }
        return node;
    }

    private static ArrayNode array(double[] values, boolean image) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            if (image) {
                array.addArray().addArray().add(v);
            } else {
                array.add(v);
            }
        }
        return array;
    }

    /**
     * Parses one feature's entry, checking every array has {@code dims} values (images: shape (3, 1, 1)).
     *
     * @throws IllegalArgumentException naming the key and the shape found
     */
    static FeatureStats fromJson(JsonNode node, int dims, boolean image) {
        double[][] moments = new double[MOMENT_KEYS.length][];
        for (int k = 0; k < MOMENT_KEYS.length; k++) {
            moments[k] = values(node, MOMENT_KEYS[k], dims, image);
        }
        double[][] quantiles = new double[QUANTILE_KEYS.length][];
        for (int k = 0; k < QUANTILE_KEYS.length; k++) {
            quantiles[k] = values(node, QUANTILE_KEYS[k], dims, image);
        }
        JsonNode count = node.path("count");
        if (!count.isArray() || count.size() != 1 || !count.get(0).canConvertToLong()) {
            throw new IllegalArgumentException("'count' must be a one-element integer array, got " + count);
        }
        return new FeatureStats(moments[0], moments[1], moments[2], moments[3], count.get(0).asLong(), quantiles);
    }

    private static double[] values(JsonNode node, String key, int dims, boolean image) {
        JsonNode array = node.get(key);
        if (array == null || !array.isArray() || array.size() != dims) {
            throw new IllegalArgumentException("'" + key + "' must hold " + dims + " values"
                    + (image ? " (shape [3, 1, 1])" : "") + ", got " + array);
        }
        double[] out = new double[dims];
        for (int d = 0; d < dims; d++) {
            JsonNode v = image ? array.get(d).path(0).path(0) : array.get(d);
            if (!v.isNumber() || image && (array.get(d).size() != 1 || array.get(d).get(0).size() != 1)) {
                throw new IllegalArgumentException("'" + key + "' element " + d + " is not "
                        + (image ? "[[number]]" : "a number") + ": " + array.get(d));
            }
            out[d] = v.asDouble();
        }
        return out;
    }
}
