package dev.vla4j.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One golden safetensors file: its tensors by name (read with DJL's own decoder, independent of ours) and its
 * {@code __metadata__}, where the generator stored every config value. Parity tests take dimensions from here.
 */
public final class GoldenFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private GoldenFile(Path path) throws IOException {
        this.path = path;
        this.manager = Engine.getInstance().newBaseManager();
        try (InputStream in = Files.newInputStream(path)) {
            for (NDArray array : NDList.decode(manager, in)) {
                tensors.put(array.getName(), array);
            }
        }
        JsonNode header = JSON.readTree(header(path));
        header.path("__metadata__").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }

    /** Opens {@code name} in the golden folder, or skips (fails in CI) when it is absent. */
    public static GoldenFile open(String name) {
        try {
            return new GoldenFile(Golden.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + name, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The manager that owns every tensor of this file; closed with the file. */
    public NDManager manager() {
        return manager;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor called {@code name}; a missing name fails the test, naming the file. */
    public NDArray get(String name) {
        NDArray array = tensors.get(name);
        if (array == null) {
            throw new AssertionError("golden file " + path.getFileName() + " has no tensor '" + name + "'");
        }
        return array;
    }

    /** Every tensor whose name starts with {@code prefix}, keyed by the full name. */
    public Map<String, NDArray> withPrefix(String prefix) {
        Map<String, NDArray> selected = new LinkedHashMap<>();
        tensors.forEach((name, array) -> {
            if (name.startsWith(prefix)) {
                selected.put(name, array);
            }
        });
        return selected;
    }

    /** A {@code __metadata__} value as stored (every value is a string). */
    public String meta(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new AssertionError("golden file " + path.getFileName() + " has no metadata '" + key + "'");
        }
        return value;
    }

    /** A {@code __metadata__} value parsed as JSON (configs, lists, numbers). */
    public JsonNode metaJson(String key) {
        try {
            return JSON.readTree(meta(key));
        } catch (IOException e) {
            throw new AssertionError("metadata '" + key + "' of " + path.getFileName() + " is not JSON: " + meta(key), e);
        }
    }

    public int metaInt(String key) {
        return Integer.parseInt(meta(key).trim());
    }

    @Override
    public void close() {
        manager.close();
    }

    private static String header(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new String(in.readNBytes(Math.toIntExact(length)), StandardCharsets.UTF_8);
        }
    }
}
