package dev.vla4j.perception.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.vla4j.perception.engine.HostArrays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * One memory-mapped safetensors file. The header is validated on open; tensors are read on demand, a
 * bounded window at a time, so files (and offsets) beyond 2 GB work. F32, F16 and BF16 load as float32 —
 * the 16-bit formats converted in Java, never as a DJL bf16 tensor — and I64 as int64.
 */
public final class SafetensorsFile implements AutoCloseable {
    static final int DEFAULT_WINDOW_BYTES = 1 << 26; // 64 MiB mapped at a time

    private final Path path;
    private final String label;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final int windowBytes;

    private SafetensorsFile(Path path, int windowBytes) throws IOException {
        this.path = path;
        this.label = path.toString();
        this.windowBytes = windowBytes;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer prefix = ByteBuffer.allocate(8);
            if (size >= 8) {
                readFully(prefix, 0);
            }
            long length = SafetensorsHeader.headerLength(label, prefix, size);
            ByteBuffer json = ByteBuffer.allocate((int) length);
            readFully(json, 8);
            this.header = SafetensorsHeader.parse(label, json.array(), size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Opens and validates {@code path}; a corrupt file fails with a {@link CheckpointException} naming it. */
    public static SafetensorsFile open(Path path) {
        return open(path, DEFAULT_WINDOW_BYTES);
    }

    static SafetensorsFile open(Path path, int windowBytes) {
        try {
            return new SafetensorsFile(path, windowBytes);
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(header.tensors.keySet());
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(header.metadata);
    }

    public TensorInfo info(String name) {
        TensorInfo info = header.tensors.get(name);
        if (info == null) {
            throw new CheckpointException(label + ": no tensor '" + name + "'");
        }
        return info;
    }

    /** The tensor as a new float32 (F32/F16/BF16) or int64 (I64) DJL array owned by {@code manager}. */
    public NDArray load(NDManager manager, String name) {
        TensorInfo info = info(name);
        ByteBuffer values = read(info);
        DataType type = info.dtype() == TensorDType.I64 ? DataType.INT64 : DataType.FLOAT32;
        NDArray array = HostArrays.of(manager, values, info.djlShape(), type);
        array.setName(name);
        return array;
    }

    /** The tensor's values converted to float (F32, F16, BF16). */
    public float[] readFloats(String name) {
        TensorInfo info = info(name);
        if (!info.dtype().floating()) {
            throw new CheckpointException(label + ": tensor '" + name + "' is " + info.dtype() + ", not a float type");
        }
        float[] values = new float[Math.toIntExact(info.elements())];
        read(info).asFloatBuffer().get(values);
        return values;
    }

    /** Reads and converts a tensor into a direct little-endian buffer of float32 or int64 values. */
    private ByteBuffer read(TensorInfo info) {
        if (!info.dtype().loadable()) {
            throw new CheckpointException(label + ": tensor '" + info.name() + "' has dtype " + info.dtype()
                    + ", which vla4j does not load (F32, F16, BF16, I64)");
        }
        int outBytes = info.dtype() == TensorDType.I64 ? 8 : 4;
        long total = Math.multiplyExact(info.elements(), outBytes);
        if (total > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(label + ": tensor '" + info.name() + "' needs " + total
                    + " bytes as " + (outBytes == 8 ? "int64" : "float32") + "; tensors over 2 GiB are not supported");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) total).order(ByteOrder.LITTLE_ENDIAN);
        int inBytes = info.dtype().bytes();
        long window = Math.max(inBytes, windowBytes - windowBytes % inBytes); // whole elements, at least one
        try {
            for (long done = 0; done < info.byteLength(); done += window) {
                long length = Math.min(window, info.byteLength() - done);
                ByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY,
                        header.dataStart + info.begin() + done, length).order(ByteOrder.LITTLE_ENDIAN);
                convert(info.dtype(), chunk, out);
            }
        } catch (IOException e) {
            throw new CheckpointException(label + ": cannot read tensor '" + info.name() + "': " + e.getMessage(), e);
        }
        return out.flip();
    }

    private static void convert(TensorDType dtype, ByteBuffer in, ByteBuffer out) {
        switch (dtype) {
            case F32, I64 -> out.put(in);
            case BF16 -> {
                while (in.hasRemaining()) {
                    out.putFloat(Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16));
                }
            }
            case F16 -> {
                while (in.hasRemaining()) {
                    out.putFloat(HalfFloat.toFloat(in.getShort()));
                }
            }
            default -> throw new IllegalStateException("not loadable: " + dtype);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(label + ": file ends inside the header (truncated)");
            }
        }
        buffer.flip();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
