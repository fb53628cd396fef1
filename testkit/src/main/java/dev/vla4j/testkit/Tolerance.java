package dev.vla4j.testkit;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/** The parity tolerance of DESIGN.md §8: every element within {@code 1e-4 + 1e-4·|ref|} of the reference. */
public final class Tolerance {
    public static final double ABSOLUTE = 1e-4;
    public static final double RELATIVE = 1e-4;

    private Tolerance() {}

    /** Fails naming {@code what}, the worst element, its index and both values, or the shape mismatch. */
    public static void assertClose(String what, NDArray actual, NDArray reference) {
        if (!actual.getShape().equals(reference.getShape())) {
            throw new AssertionError(what + ": shape " + actual.getShape() + " != reference " + reference.getShape());
        }
        assertClose(what, actual.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                reference.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                reference.getShape().getShape());
    }

    /** The same check on plain arrays; {@code shape} is only used to print the worst index. */
    public static void assertClose(String what, float[] actual, float[] reference, long... shape) {
        if (actual.length != reference.length) {
            throw new AssertionError(what + ": " + actual.length + " values != reference " + reference.length);
        }
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs((double) actual[i] - reference[i]);
            double excess = error - (ABSOLUTE + RELATIVE * Math.abs(reference[i]));
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) { // NaN counts as a failure
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(String.format("%s: element %s (flat %d) is %s, reference %s: |diff| %.3g exceeds "
                            + "1e-4 + 1e-4*|ref|", what, Arrays.toString(unravel(worst, shape)), worst, actual[worst],
                    reference[worst], Math.abs((double) actual[worst] - reference[worst])));
        }
    }

    private static long[] unravel(int flat, long[] shape) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = shape[axis] == 0 ? 0 : rest % shape[axis];
            rest = shape[axis] == 0 ? rest : rest / shape[axis];
        }
        return index;
    }
}
