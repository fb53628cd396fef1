package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;

/**
 * The additive attention mask of HF Qwen2 (eager): 0 where query i may see key j, and float32's most
 * negative finite value ({@code finfo.min}, not −inf) where it may not — key j after the query's absolute
 * position {@code past + i}, or a padding key ({@code attentionMask[b][j] == 0}). A query row with every
 * key masked therefore averages all keys uniformly instead of producing NaN, exactly as HF does.
 */
final class CausalMask {
    static final float MASKED = -Float.MAX_VALUE;

    private CausalMask() {}

    /**
     * (B, 1, 1, T, S) with S = past + T, created in {@code scope}; {@code padding} is the flattened
     * (B, S) 0/1 attention mask, or null for none.
     */
    static NDArray build(NDManager scope, int batch, int length, int past, long[] padding) {
        int keys = past + length;
        float[] mask = new float[batch * length * keys];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < length; i++) {
                int row = (b * length + i) * keys;
                for (int j = 0; j < keys; j++) {
                    boolean visible = j <= past + i && (padding == null || padding[b * keys + j] != 0);
                    mask[row + j] = visible ? 0f : MASKED;
                }
            }
        }
        return HostArrays.of(scope, mask, new Shape(batch, 1, 1, length, keys));
    }
}
