package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The keys and values of every decoder layer for the positions already run, so that generation feeds only
 * the new token. Keys are stored after RoPE. The cache owns its arrays (a sub-manager of the one it was made
 * from); close it when the sequence is done.
 *
 * <p>Layout per layer, chosen so attention only ever uses the cache as the second operand of a matmul:
 * keys {@code (B, KV, 1, headDim, S)} (already transposed), values {@code (B, KV, 1, S, headDim)}.
 */
public final class KvCache implements AutoCloseable {
    private static final int KEY_SEQUENCE_AXIS = 4;
    private static final int VALUE_SEQUENCE_AXIS = 3;

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private long batch = -1;
    private long length;

    KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Positions already cached (the past length S). */
    public long length() {
        return length;
    }

    /** The batch size of the cached sequences, or -1 while empty. */
    public long batchSize() {
        return batch;
    }

    /** Appends this step's keys and values for {@code layer}; returns {all keys, all values} including them. */
    NDList extend(int layer, NDArray newKeys, NDArray newValues) {
        keys[layer] = appended(keys[layer], newKeys, KEY_SEQUENCE_AXIS);
        values[layer] = appended(values[layer], newValues, VALUE_SEQUENCE_AXIS);
        return new NDList(keys[layer], values[layer]);
    }

    /** Records that every layer has been extended by {@code steps} positions of batch {@code batchSize}. */
    void advance(long batchSize, long steps) {
        batch = batchSize;
        length += steps;
    }

    private NDArray appended(NDArray past, NDArray added, int axis) {
        if (past == null) {
            added.attach(manager);
            return added;
        }
        NDArray joined = NDArrays.concat(new NDList(past, added), axis); // owned by past's manager: the cache
        past.close();
        return joined;
    }

    @Override
    public void close() {
        manager.close();
    }
}
