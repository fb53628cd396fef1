package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The fused DJL/libtorch ops FastViTHD is made of, in PyTorch semantics (NCHW, zero padding). */
final class VisionOps {
    private VisionOps() {}

    /** {@code torch.nn.functional.conv2d}; {@code bias} may be null. (B, Cin, H, W) → (B, Cout, H', W'). */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int padding, int groups) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
    }

    /** Exact GELU, {@code 0.5·x·(1+erf(x/√2))} (libtorch's default, not the tanh approximation). */
    static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /**
     * BatchNorm2d over axis 1. Eval: normalises with the running statistics. Training: with the batch's (biased
     * variance), and updates the running ones in place as PyTorch does, {@code r ← (1−m)·r + m·batch} with
     * m = {@value FastVitHdConfig#BN_MOMENTUM} and the batch's unbiased variance.
     */
    static NDArray batchNorm(NDArray x, NDArray mean, NDArray var, NDArray gamma, NDArray beta, boolean training) {
        float runningWeight = 1 - FastVitHdConfig.BN_MOMENTUM; // DJL's momentum weighs the running value (MXNet's way)
        return BatchNorm.batchNorm(x, mean, var, gamma, beta, 1, runningWeight, FastVitHdConfig.NORM_EPS, training)
                .singletonOrThrow();
    }

    /** The mean over H and W: (B, C, H, W) → (B, C). libtorch's mean takes one axis here, so flatten H·W first. */
    static NDArray spatialMean(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), shape.get(2) * shape.get(3)).mean(new int[] {2});
    }
}
