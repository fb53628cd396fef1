package dev.vla4j.perception.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files (specs/fastvlm.md §8): consecutive offsets in the given order, compact JSON padded
 * with spaces to a multiple of 8, little-endian data. The file appears atomically: it is written beside the
 * target, forced to disk, then moved over it, so a crash or a full disk never leaves a half-written file.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** One tensor as raw little-endian bytes. */
    public record RawTensor(String name, TensorDType dtype, long[] shape, ByteBuffer data) {}

    /** Writes float32 and int64 DJL arrays by name, with string metadata. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        List<RawTensor> raw = new ArrayList<>();
        tensors.forEach((name, array) -> raw.add(new RawTensor(name, dtypeOf(name, array.getDataType()),
                array.getShape().getShape(), array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN))));
        writeRaw(file, raw, metadata);
    }

    public static void writeRaw(Path file, List<RawTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (RawTensor tensor : tensors) {
            long bytes = tensor.data().remaining();
            long expected = new TensorInfo(tensor.name(), tensor.dtype(), tensor.shape(), 0, 0).elements()
                    * tensor.dtype().bytes();
            if (bytes != expected) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' has " + bytes + " bytes, "
                        + tensor.dtype() + " of that shape needs " + expected);
            }
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().name());
            var shape = entry.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        writeAtomically(file, prefix.flip(), tensors);
    }

    private static void writeAtomically(Path file, ByteBuffer prefix, List<RawTensor> tensors) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeAll(channel, prefix);
                for (RawTensor tensor : tensors) {
                    writeAll(channel, tensor.data().duplicate());
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeAll(FileChannel channel, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is what the caller needs to see
            }
        }
    }

    private static TensorDType dtypeOf(String name, DataType type) {
        return switch (type) {
            case FLOAT32 -> TensorDType.F32;
            case INT64 -> TensorDType.I64;
            default -> throw new IllegalArgumentException("tensor '" + name + "' is " + type
                    + "; vla4j writes float32 and int64 tensors");
        };
    }
}
