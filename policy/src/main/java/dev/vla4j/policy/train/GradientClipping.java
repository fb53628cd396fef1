package dev.vla4j.policy.train;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/** {@code torch.nn.utils.clip_grad_norm_}: scale every gradient by min(1, max/(‖g‖₂ + 1e-6)) over all of them. */
public final class GradientClipping {
    private GradientClipping() {}

    /** Clips in place and returns the global norm before clipping (NaN or infinite if a gradient is). */
    public static double clipGlobalNorm(Collection<NDArray> gradients, double maxNorm) {
        double sumOfSquares = 0;
        for (NDArray gradient : gradients) {
            // scaled by the largest magnitude first, so that gradients above ~1e19 do not overflow float32 squares
            try (NDArray magnitude = gradient.abs().max()) {
                double max = magnitude.getFloat();
                if (!Double.isFinite(max)) {
                    return max;
                }
                if (max == 0) {
                    continue;
                }
                try (NDArray scaled = gradient.div((float) max); NDArray squared = scaled.square();
                     NDArray sum = squared.sum()) {
                    sumOfSquares += sum.getFloat() * max * max;
                }
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            gradients.forEach(gradient -> gradient.muli(scale));
        }
        return norm;
    }
}
