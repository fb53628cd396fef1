package dev.vla4j.policy;

import java.util.Arrays;

/**
 * VLA-Adapter's BOUNDS_Q99 normalization (specs/vla-adapter.md §2): per dimension
 * {@code y = clip(2(x − q01)/(q99 − q01 + 1e-8) − 1, −1, 1)}, and back {@code x = (y + 1)(q99 − q01 + 1e-8)/2 + q01}.
 * Dimensions whose q01 equals q99 normalize to 0; dimensions with {@code mask[d] == false} pass through unchanged
 * (upstream leaves the gripper that way).
 */
public record QuantileNormalizer(float[] q01, float[] q99, boolean[] mask) {
    private static final double EPS = 1e-8;

    public QuantileNormalizer {
        if (q01.length != q99.length || q01.length != mask.length || q01.length == 0) {
            throw new IllegalArgumentException("q01, q99 and mask must have one equal, non-zero length; got "
                    + q01.length + ", " + q99.length + ", " + mask.length);
        }
        for (int d = 0; d < q01.length; d++) {
            if (!Float.isFinite(q01[d]) || !Float.isFinite(q99[d]) || q01[d] > q99[d]) {
                throw new IllegalArgumentException("dimension " + d + " has q01 " + q01[d] + " and q99 " + q99[d]
                        + "; they must be finite with q01 <= q99");
            }
        }
        q01 = q01.clone();
        q99 = q99.clone();
        mask = mask.clone();
    }

    /** Every dimension normalized. */
    public static QuantileNormalizer of(float[] q01, float[] q99) {
        boolean[] mask = new boolean[q01.length];
        Arrays.fill(mask, true);
        return new QuantileNormalizer(q01, q99, mask);
    }

    public int dim() {
        return q01.length;
    }

    public float[] normalize(float[] x) {
        check(x);
        float[] y = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            if (!mask[d]) {
                y[d] = x[d];
            } else if (q01[d] == q99[d]) {
                y[d] = 0f;
            } else {
                double v = 2 * (x[d] - q01[d]) / (q99[d] - q01[d] + EPS) - 1;
                y[d] = (float) Math.max(-1, Math.min(1, v));
            }
        }
        return y;
    }

    public float[] unnormalize(float[] y) {
        check(y);
        float[] x = new float[y.length];
        for (int d = 0; d < y.length; d++) {
            x[d] = mask[d] ? (float) (0.5 * (y[d] + 1) * (q99[d] - q01[d] + EPS) + q01[d]) : y[d];
        }
        return x;
    }

    private void check(float[] values) {
        if (values.length != q01.length) {
            throw new IllegalArgumentException("expected " + q01.length + " values, got " + values.length);
        }
        for (int d = 0; d < values.length; d++) {
            if (!Float.isFinite(values[d])) {
                throw new IllegalArgumentException("value " + d + " is " + values[d]);
            }
        }
    }

    @Override
    public float[] q01() {
        return q01.clone();
    }

    @Override
    public float[] q99() {
        return q99.clone();
    }

    @Override
    public boolean[] mask() {
        return mask.clone();
    }
}
