package dev.vla4j.perception.io;

import ai.djl.ndarray.types.Shape;

/** One tensor's header entry: dtype, shape, and its byte range relative to the start of the data buffer. */
public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public Shape djlShape() {
        return new Shape(shape);
    }

    /** Elements (a 0-d tensor has one). */
    public long elements() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public long byteLength() {
        return end - begin;
    }
}
