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
            try (NDArray squared = gradient.square(); NDArray sum = squared.sum()) {
                sumOfSquares += sum.getFloat();
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
