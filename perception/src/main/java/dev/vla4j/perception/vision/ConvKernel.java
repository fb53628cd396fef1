package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A plain convolution with bias, stored as {@code name.weight} {@code [Cout, Cin/groups, k, k]} and
 * {@code name.bias} {@code [Cout]}: the inference form of every reparameterizable conv, and the 1×1 ConvFFN layers.
 */
record ConvKernel(String name, NDArray weight, NDArray bias, int stride, int padding, int groups) implements RepConv {

    /** (B, Cin, H, W) → (B, Cout, H', W'). */
    NDArray forward(NDArray x) {
        return VisionOps.conv(x, weight, bias, stride, padding, groups);
    }

    /** A plain conv has no BatchNorm: the same in training. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return forward(x);
    }

    @Override
    public ConvKernel fold() {
        return this;
    }

    @Override
    public void collectParameters(Map<String, NDArray> out) {
        out.put(name + ".weight", weight);
        out.put(name + ".bias", bias);
    }
}
