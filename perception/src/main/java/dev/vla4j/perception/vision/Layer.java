package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** One module of the encoder, in either form: its forward pass, its tensors by upstream name, its folded form. */
interface Layer {
    /** (B, C, H, W) → (B, C', H', W'). */
    NDArray forward(NDArray x);

    /** Adds this module's tensors, by upstream checkpoint name, to {@code out}. */
    void collectParameters(Map<String, NDArray> out);

    /** The same module with every train-time branch folded into single kernels (itself when already folded). */
    Layer reparameterized();
}
