package dev.vla4j.perception.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.DoubleSupplier;

/** Helpers for gradient tests: reading gradients, central differences, a plain SGD step, seeded arrays. */
public final class GradientCheck {
    /** float32's unit roundoff, 2⁻²⁴. */
    public static final double EPSILON32 = Math.ulp(1.0f) / 2;

    private GradientCheck() {}

    /** The gradient that backward left on {@code param}, copied out; the gradient handle is closed. */
    public static float[] gradient(NDArray param) {
        try (NDArray gradient = param.getGradient()) {
            return gradient.toFloatArray();
        }
    }

    /**
     * {@code (loss(θ + h) − loss(θ − h)) / (2h)} for entry {@code flat} of {@code param}, which must not require a
     * gradient: the entry is changed in place and restored. The exact float32 steps taken are used as the divisor.
     */
    public static double centralDifference(NDArray param, long flat, double step, DoubleSupplier loss) {
        NDIndex at = new NDIndex(unravel(flat, param.getShape()));
        float original = param.getFloat(unravel(flat, param.getShape()));
        float up = (float) (original + step);
        float down = (float) (original - step);
        param.set(at, up);
        double plus = loss.getAsDouble();
        param.set(at, down);
        double minus = loss.getAsDouble();
        param.set(at, original);
        return (plus - minus) / ((double) up - down);
    }

    /** {@code param -= rate · gradient}, in place and outside autograd (as an optimizer step under no_grad). */
    public static void sgdStep(NDArray param, float rate) {
        try (NDArray gradient = param.getGradient();
             NDArray step = gradient.mul(rate);
             NDArray data = param.stopGradient()) {
            data.subi(step);
        }
    }

    /** N(0, std²) float32 values of {@code shape} from {@code random}, in {@code manager}. */
    public static NDArray gaussian(NDManager manager, Random random, double std, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (std * random.nextGaussian());
        }
        return manager.create(values, shape);
    }

    private static long[] unravel(long flat, Shape shape) {
        long[] index = new long[shape.dimension()];
        for (int axis = index.length - 1; axis >= 0; axis--) {
            index[axis] = flat % shape.get(axis);
            flat /= shape.get(axis);
        }
        return index;
    }
}
