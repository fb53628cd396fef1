package dev.vla4j.perception.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small safetensors files for the reader tests, written with our writer. */
final class SafetensorsTestFiles {
    private SafetensorsTestFiles() {}

    static ByteBuffer floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.flip();
    }

    static ByteBuffer longs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.flip();
    }

    static ByteBuffer shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putShort((short) value);
        }
        return buffer.flip();
    }

    /** F32 (2,3), I64 (2), a 0-d F32, a BF16 (3) and an F16 (2): every loadable dtype, with metadata. */
    static Path mixed(Path file) {
        SafetensorsWriter.writeRaw(file, List.of(
                new SafetensorsWriter.RawTensor("weight", TensorDType.F32, new long[] {2, 3}, floats(1, 2, 3, 4, 5, -6)),
                new SafetensorsWriter.RawTensor("ids", TensorDType.I64, new long[] {2}, longs(7, -1L << 40)),
                new SafetensorsWriter.RawTensor("scale", TensorDType.F32, new long[] {}, floats(0.5f)),
                new SafetensorsWriter.RawTensor("bf16", TensorDType.BF16, new long[] {3}, shorts(0x3F80, 0xC020, 0x0001)),
                new SafetensorsWriter.RawTensor("f16", TensorDType.F16, new long[] {2}, shorts(0x3C00, 0x0001))),
                Map.of("format", "pt"));
        return file;
    }
}
