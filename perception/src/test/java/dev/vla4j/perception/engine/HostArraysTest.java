package dev.vla4j.perception.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.testkit.FreedMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arrays from Java data stay intact after the array and its Java buffer are released and the memory is reused. */
class HostArraysTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getInstance().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aViewOutlivesTheArrayItWasTakenFromAndItsBuffer() {
        NDArray floats = HostArrays.of(manager, new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray longs = HostArrays.of(manager, new long[] {5, 6, 7, 8}, new Shape(2, 2));
        NDArray buffered = HostArrays.of(manager, directFloats(9, 10, 11, 12), new Shape(2, 2), DataType.FLOAT32);
        NDArray[] views = {floats.reshape(4), longs.reshape(4), buffered.reshape(4)};
        floats.close();
        longs.close();
        buffered.close();
        FreedMemory.collectAndOverwrite();
        assertArrayEquals(new float[] {1, 2, 3, 4}, views[0].toFloatArray());
        assertArrayEquals(new long[] {5, 6, 7, 8}, views[1].toLongArray());
        assertArrayEquals(new float[] {9, 10, 11, 12}, views[2].toFloatArray());
    }

    @Test
    void autogradKeepsAScalarOperandUntilTheBackwardPass() {
        NDArray x = manager.ones(new Shape(4));
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y;
            try (NDManager forward = manager.newSubManager()) { // closed before the backward pass, as a forward's is
                NDArray input = forward.ones(new Shape(4)).mul(x); // an op's result joins its first operand's manager
                y = input.mul(HostArrays.scalar(input, 3)).div(HostArrays.scalar(input, 2)).sum();
                y.attach(manager);
            }
            FreedMemory.collectAndOverwrite();
            collector.backward(y);
        }
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f}, x.getGradient().toFloatArray());
    }

    @Test
    void aScalarHasTheTypeAndTheManagerOfItsOperand() {
        NDArray x = manager.zeros(new Shape(3), DataType.FLOAT16);
        NDArray scalar = HostArrays.scalar(x, 0.5f);
        assertEquals(DataType.FLOAT16, scalar.getDataType());
        assertEquals(new Shape(), scalar.getShape());
        assertEquals(manager, scalar.getManager());
        assertEquals(0.5f, scalar.toType(DataType.FLOAT32, false).getFloat());
    }

    /** A direct buffer that nothing but the array made from it references. */
    private static ByteBuffer directFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(values);
        return buffer;
    }
}
