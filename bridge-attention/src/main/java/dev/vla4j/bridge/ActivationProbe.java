package dev.vla4j.bridge;

import ai.djl.ndarray.NDArray;

/**
 * Sees the head's intermediate activations as they are computed, named as in the golden files:
 * {@code proprio_features}, {@code A0}, {@code block_out.<i>}, {@code final_layer_norm}. An activation is only valid
 * during the call: copy what must outlive it.
 */
@FunctionalInterface
public interface ActivationProbe {
    /** A probe that ignores everything. */
    ActivationProbe NONE = (name, activation) -> { };

    void record(String name, NDArray activation);
}
