package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;

/**
 * Qwen2's rotary position embedding: HF's half-split {@code rotate_half} layout (not interleaved), with
 * {@code inv_freq[i] = θ^(-2i/headDim)} and {@code cos/sin = [cos(pos·inv_freq), cos(pos·inv_freq)]}.
 */
final class RotaryEmbedding {
    private final float[] inverseFrequencies; // (headDim/2)
    private final int headDim;

    RotaryEmbedding(int headDim, double theta) {
        this.headDim = headDim;
        this.inverseFrequencies = new float[headDim / 2];
        for (int i = 0; i < headDim / 2; i++) {
            float exponent = (float) (2 * i) / headDim; // f32, as HF computes arange(0, dim, 2).float() / dim
            inverseFrequencies[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
    }

    /** The cos and sin tables, each (B, T, headDim), for position ids (B, T), created in {@code scope}. */
    NDList tables(NDManager scope, long[] positions, long batch, long length) {
        float[] pos = new float[positions.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = positions[i];
        }
        NDArray positionColumn = HostArrays.of(scope, pos, new Shape(batch, length, 1)); // (B, T, 1)
        NDArray frequencies = HostArrays.of(scope, inverseFrequencies, new Shape(1, 1, headDim / 2));
        NDArray angles = positionColumn.mul(frequencies);                              // (B, T, hd/2)
        NDArray doubled = NDArrays.concat(new NDList(angles, angles), 2);             // (B, T, hd)
        return new NDList(doubled.cos(), doubled.sin());
    }

    /**
     * Rotates {@code x} (…, T, headDim) by the tables, which the caller has reshaped to broadcast against it:
     * {@code x·cos + rotate_half(x)·sin} with {@code rotate_half(v) = [-v[hd/2:], v[:hd/2]]}.
     */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        int last = x.getShape().dimension() - 1;
        long half = x.getShape().get(last) / 2;
        NDList halves = x.split(new long[] {half}, last);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), last);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
