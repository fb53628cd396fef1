package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * A bias-free convolution followed by a BatchNorm, stored as {@code name.conv.weight} and {@code name.bn.*}:
 * the train-time MobileOne/large-kernel branches, and the depthwise 7×7 of every ConvFFN (kept unfolded there,
 * as in the released checkpoint).
 */
record ConvBn(String name, NDArray weight, BatchNormParams bn, int stride, int padding, int groups) {

    /** (B, Cin, H, W) → (B, Cout, H', W'). */
    NDArray forward(NDArray x, boolean training) {
        return bn.apply(VisionOps.conv(x, weight, null, stride, padding, groups), training);
    }

    /** The BN folded into the kernel: {@code W·γ/σ} zero-padded to {@code kernel}×{@code kernel}, bias {@code β−μγ/σ}. */
    NDArray[] fold(int kernel) {
        NDArray folded = weight.mul(bn.scale().reshape(-1, 1, 1, 1));
        long size = weight.getShape().get(3);
        int pad = (int) (kernel - size) / 2;
        if (pad > 0) {
            folded = folded.pad(new Shape(pad, pad, pad, pad), 0);
        }
        return new NDArray[] {folded, bn.shift()};
    }

    void collectParameters(Map<String, NDArray> out) {
        out.put(name + ".conv.weight", weight);
        bn.collectParameters(out);
    }
}
