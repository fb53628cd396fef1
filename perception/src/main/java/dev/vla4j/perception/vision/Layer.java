package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Map;

/** One module of the encoder, in either form: its forward pass, its tensors by upstream name, its folded form. */
interface Layer {
    /**
     * (B, C, H, W) → (B, C', H', W'). {@code training}: PyTorch's train mode, where every BatchNorm normalises with
     * the batch's statistics and updates its running ones; otherwise eval mode (the running statistics).
     */
    NDArray forward(NDArray x, boolean training);

    /** Adds this module's tensors, by upstream checkpoint name, to {@code out}. */
    void collectParameters(Map<String, NDArray> out);

    /** The same module with every train-time branch folded into single kernels (itself when already folded). */
    Layer reparameterized();

    /**
     * Runs {@code layer} in its own scope, so its temporaries are freed as soon as it returns (at 1024² one block's
     * ConvFFN alone holds ~100 MB); only the output survives, registered in the enclosing scope.
     */
    static NDArray scoped(Layer layer, NDArray x, boolean training) {
        NDArray y;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            y = layer.forward(x, training);
            NDScope.unregister(y);
        }
        NDScope.register(y);
        return y;
    }
}
