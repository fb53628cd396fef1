package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import dev.vla4j.perception.engine.HostArrays;
import java.util.Map;

/**
 * A BatchNorm2d stored as {@code name.weight/.bias/.running_mean/.running_var} (+ the I64 {@code num_batches_tracked},
 * null when a checkpoint lacks it). The running statistics are buffers, not parameters: training updates them in
 * place and counts its batches, as PyTorch's train mode; eval mode and {@link #scale()}/{@link #shift()} read them.
 */
record BatchNormParams(String name, NDArray gamma, NDArray beta, NDArray mean, NDArray var,
                       NDArray numBatchesTracked) {

    /** (B, C, H, W) → (B, C, H, W); {@code training}: batch statistics (see {@link VisionOps#batchNorm}). */
    NDArray apply(NDArray x, boolean training) {
        NDArray y = VisionOps.batchNorm(x, mean, var, gamma, beta, training);
        if (training && numBatchesTracked != null) {
            numBatchesTracked.addi(1);
        }
        return y;
    }

    /** Per-channel factor γ/√(var+eps), shape [C]. */
    NDArray scale() {
        return gamma.div(var.add(HostArrays.scalar(var, FastVitHdConfig.NORM_EPS)).sqrt());
    }

    /** Per-channel offset β − mean·γ/√(var+eps), shape [C]. */
    NDArray shift() {
        return beta.sub(mean.mul(scale()));
    }

    void collectParameters(Map<String, NDArray> out) {
        out.put(name + ".weight", gamma);
        out.put(name + ".bias", beta);
        out.put(name + ".running_mean", mean);
        out.put(name + ".running_var", var);
        if (numBatchesTracked != null) {
            out.put(name + ".num_batches_tracked", numBatchesTracked);
        }
    }
}
