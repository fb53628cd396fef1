package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;

/**
 * The Pro block's rotary embedding for positions 0..n-1, with the upstream layout quirk copied exactly:
 * the cos/sin table is half-split, {@code cat([f, f])} with
 * {@code f_j = pos · base^(-2j/d)}, but {@code rotate_half} is interleaved, {@code r[2i] = -x[2i+1]},
 * {@code r[2i+1] = x[2i]}. So {@code out[m] = x[m]·cos(pos·θ_{m mod d/2}) + r[m]·sin(pos·θ_{m mod d/2})}.
 * The table is built once, in fp32 as torch builds it.
 */
final class RotaryTable {
    private static final float BASE = 10000f;

    private final NDArray cos; // (n, d)
    private final NDArray sin; // (n, d)

    RotaryTable(NDManager manager, int positions, int headDim) {
        int half = headDim / 2;
        float[] cosValues = new float[positions * headDim];
        float[] sinValues = new float[positions * headDim];
        for (int j = 0; j < half; j++) {
            float inverseFrequency = 1f / (float) Math.pow(BASE, (float) (2 * j) / headDim);
            for (int pos = 0; pos < positions; pos++) {
                float angle = pos * inverseFrequency;
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cosValues[pos * headDim + j] = c;
                cosValues[pos * headDim + j + half] = c;
                sinValues[pos * headDim + j] = s;
                sinValues[pos * headDim + j + half] = s;
            }
        }
        this.cos = HostArrays.of(manager, cosValues, new Shape(positions, headDim));
        this.sin = HostArrays.of(manager, sinValues, new Shape(positions, headDim));
    }

    /** x (B, H, n, d) → (B, H, n, d), in {@code x}'s manager. */
    NDArray apply(NDArray x) {
        Shape shape = x.getShape();
        long headDim = shape.get(3);
        NDList evenOdd = x.reshape(shape.get(0), shape.get(1), shape.get(2), headDim / 2, 2).split(2, 4);
        NDArray rotated = NDArrays.concat(new NDList(evenOdd.get(1).neg(), evenOdd.get(0)), 4).reshape(shape);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
