package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A convolution that training writes as a sum of branches (conv-BN, 1×1 scale, identity-BN, large + small
 * kernel, x + f(x)) and inference as one kernel with a bias; {@link #fold()} turns the first into the second.
 */
interface RepConv {
    /** (B, Cin, H, W) → (B, Cout, H', W'), without activation; {@code training} as in {@link Layer#forward}. */
    NDArray forward(NDArray x, boolean training);

    /** The single equivalent kernel, named as in the released (inference-form) checkpoint. */
    ConvKernel fold();

    void collectParameters(Map<String, NDArray> out);
}
