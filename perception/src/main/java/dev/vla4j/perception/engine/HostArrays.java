package dev.vla4j.perception.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.Buffer;

/**
 * Arrays made from Java values, in memory that libtorch owns.
 *
 * <p>DJL's PyTorch engine makes a CPU array from Java data by wrapping a direct buffer without copying it
 * ({@code torch::from_blob}); only the Java array object holds that buffer, and closing the array drops it. A view of
 * the array, or a tensor that autograd saved for the backward pass, then reads memory that the next garbage
 * collection frees and reuses. Arrays do get closed before the backward pass: a forward's sub-manager closes when the
 * forward returns, and DJL's {@code x.mul(2f)} (every {@code NDArray} op taking a {@code Number}) wraps the number
 * that way and closes it as soon as the op returns, while autograd keeps it. Gradients, and the weights trained from
 * them, then depend on when the JVM collected. So every array from Java data comes from here, and the constant
 * operand of an op in a forward pass is a {@link #scalar}, never a {@code Number}.
 */
public final class HostArrays {
    private HostArrays() {}

    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        return owned(manager.create(values, shape));
    }

    public static NDArray of(NDManager manager, long[] values, Shape shape) {
        return owned(manager.create(values, shape));
    }

    public static NDArray of(NDManager manager, Buffer values, Shape shape, DataType type) {
        return owned(manager.create(values, shape, type));
    }

    /** {@code value} as a 0-d array of {@code like}'s type, in {@code like}'s manager: {@code x.mul(scalar(x, c))}. */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** A copy of {@code wrapped} into libtorch's memory (same manager); {@code wrapped} and its buffer are released. */
    private static NDArray owned(NDArray wrapped) {
        try (wrapped) {
            return wrapped.duplicate();
        }
    }
}
