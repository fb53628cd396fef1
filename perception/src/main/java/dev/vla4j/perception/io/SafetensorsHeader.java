package dev.vla4j.perception.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors header (specs/fastvlm.md §8): length, JSON, dtypes, shapes, and byte
 * ranges that must tile the data buffer exactly. Every failure names the file and, where known, the tensor.
 */
final class SafetensorsHeader {
    static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    final long dataStart;
    final Map<String, TensorInfo> tensors;
    final Map<String, String> metadata;

    private SafetensorsHeader(long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Reads the length prefix; {@code prefix} holds the file's first 8 bytes. */
    static long headerLength(String file, ByteBuffer prefix, long fileSize) {
        if (fileSize < 8) {
            throw new CheckpointException(file + ": not a safetensors file (" + fileSize + " bytes, need at least 8)");
        }
        long length = prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (length < 2 || length > MAX_HEADER_BYTES) {
            throw new CheckpointException(file + ": header length " + Long.toUnsignedString(length)
                    + " is outside 2.." + MAX_HEADER_BYTES + " bytes (not a safetensors file, or corrupt)");
        }
        if (8 + length > fileSize) {
            throw new CheckpointException(file + ": header length " + length + " runs past the end of the "
                    + fileSize + "-byte file (truncated?)");
        }
        return length;
    }

    static SafetensorsHeader parse(String file, byte[] headerBytes, long fileSize) {
        if (headerBytes[0] != '{') {
            throw new CheckpointException(file + ": header does not start with '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": header is not a JSON object");
        }
        long dataStart = 8L + headerBytes.length;
        long bufferSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                readMetadata(file, entry.getValue(), metadata);
            } else {
                tensors.put(entry.getKey(), tensor(file, entry.getKey(), entry.getValue(), bufferSize));
            }
        }
        checkTiling(file, tensors, bufferSize);
        return new SafetensorsHeader(dataStart, tensors, metadata);
    }

    private static void readMetadata(String file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw new CheckpointException(file + ": __metadata__ is not an object");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(file + ": __metadata__ value '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().asText());
        });
    }

    private static TensorInfo tensor(String file, String name, JsonNode node, long bufferSize) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CheckpointException(where + " is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        TensorDType dtype = dtypeNode != null && dtypeNode.isTextual() ? TensorDType.parse(dtypeNode.asText()) : null;
        if (dtype == null) {
            throw new CheckpointException(where + " has unknown dtype " + dtypeNode);
        }
        long[] shape = longs(where, "shape", node.get("shape"), -1);
        long[] offsets = longs(where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > bufferSize) {
            throw new CheckpointException(where + " has data_offsets [" + begin + ", " + end + "] outside the "
                    + bufferSize + "-byte data buffer (truncated or corrupt file)");
        }
        TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(info.elements(), dtype.bytes());
        } catch (ArithmeticException e) {
            throw new CheckpointException(where + " has a shape too large to address: " + node.get("shape"));
        }
        if (expectedBytes != end - begin) {
            throw new CheckpointException(where + " spans " + (end - begin) + " bytes but " + dtype + " "
                    + node.get("shape") + " needs " + expectedBytes);
        }
        return info;
    }

    private static long[] longs(String where, String field, JsonNode node, int requiredLength) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw new CheckpointException(where + " has a malformed " + field + ": " + node);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new CheckpointException(where + " has a malformed " + field + ": " + node);
            }
            values[i] = value.asLong();
        }
        return values;
    }

    /** The byte ranges must not overlap and, as the reference implementation demands, must leave no gaps. */
    private static void checkTiling(String file, Map<String, TensorInfo> tensors, long bufferSize) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long cursor = 0;
        String previous = null;
        for (TensorInfo info : byOffset) {
            if (info.begin() < cursor) {
                throw new CheckpointException(file + ": tensor '" + info.name() + "' overlaps tensor '" + previous + "'");
            }
            if (info.begin() > cursor) {
                throw new CheckpointException(file + ": " + (info.begin() - cursor) + " unused bytes before tensor '"
                        + info.name() + "' (offsets must tile the data buffer)");
            }
            cursor = info.end();
            previous = info.name();
        }
        if (cursor != bufferSize) {
            throw new CheckpointException(file + ": tensors cover " + cursor + " bytes but the data buffer has "
                    + bufferSize + " (truncated, or trailing bytes)");
        }
    }
}
