package dev.vla4j.perception.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of a checkpoint by name, from one safetensors file or from the shards listed in
 * {@code model.safetensors.index.json} ({@code {"weight_map": {name: file}}}).
 */
public final class SafetensorsCheckpoint implements AutoCloseable {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path source;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName = new LinkedHashMap<>();

    private SafetensorsCheckpoint(Path source, List<SafetensorsFile> files) {
        this.source = source;
        this.files = files;
    }

    /**
     * Opens a {@code .safetensors} file, or a model folder holding {@value #INDEX_FILE} (sharded) or
     * {@value #SINGLE_FILE}.
     */
    public static SafetensorsCheckpoint open(Path path) {
        if (Files.isRegularFile(path)) {
            return single(path, path);
        }
        if (Files.isRegularFile(path.resolve(INDEX_FILE))) {
            return sharded(path, path.resolve(INDEX_FILE));
        }
        if (Files.isRegularFile(path.resolve(SINGLE_FILE))) {
            return single(path, path.resolve(SINGLE_FILE));
        }
        throw new CheckpointException(path + ": no " + SINGLE_FILE + " or " + INDEX_FILE + " here");
    }

    private static SafetensorsCheckpoint single(Path source, Path file) {
        SafetensorsFile opened = SafetensorsFile.open(file);
        SafetensorsCheckpoint checkpoint = new SafetensorsCheckpoint(source, List.of(opened));
        opened.names().forEach(name -> checkpoint.byName.put(name, opened));
        return checkpoint;
    }

    private static SafetensorsCheckpoint sharded(Path dir, Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        SafetensorsCheckpoint checkpoint = new SafetensorsCheckpoint(dir, new ArrayList<>());
        try {
            for (String shard : new java.util.TreeSet<>(weightMap.values())) {
                Path file = dir.resolve(shard).normalize();
                if (!file.getParent().equals(dir.normalize())) {
                    throw new CheckpointException(index + ": shard '" + shard + "' is outside the model folder");
                }
                SafetensorsFile opened = SafetensorsFile.open(file);
                checkpoint.files.add(opened);
                shards.put(shard, opened);
            }
            weightMap.forEach((name, shard) -> {
                SafetensorsFile file = shards.get(shard);
                if (!file.names().contains(name)) {
                    throw new CheckpointException(index + ": tensor '" + name + "' is mapped to " + shard
                            + ", which does not contain it");
                }
                checkpoint.byName.put(name, file);
            });
            for (SafetensorsFile file : checkpoint.files) {
                for (String name : file.names()) {
                    if (!file.equals(checkpoint.byName.get(name))) {
                        throw new CheckpointException(index + ": tensor '" + name + "' in " + file.path().getFileName()
                                + " is not listed in the weight_map (or is listed for another shard)");
                    }
                }
            }
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
        return checkpoint;
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new CheckpointException(index + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new CheckpointException(index + ": has no weight_map object");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(index + ": weight_map entry '" + e.getKey() + "' is not a file name");
            }
            weightMap.put(e.getKey(), e.getValue().asText());
        });
        return weightMap;
    }

    public Path source() {
        return source;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public TensorInfo info(String name) {
        SafetensorsFile file = byName.get(name);
        if (file == null) {
            throw new CheckpointException(source + ": no tensor '" + name + "'");
        }
        return file.info(name);
    }

    /** Names → shapes, for {@link NameCheck}. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        byName.forEach((name, file) -> shapes.put(name, file.info(name).djlShape()));
        return shapes;
    }

    /** The {@code __metadata__} of the (first) file. */
    public Map<String, String> metadata() {
        return files.get(0).metadata();
    }

    public NDArray load(NDManager manager, String name) {
        info(name);
        return byName.get(name).load(manager, name);
    }

    /** Every tensor, loaded into {@code manager}, in file order. */
    public Map<String, NDArray> loadAll(NDManager manager) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        byName.forEach((name, file) -> tensors.put(name, file.load(manager, name)));
        return tensors;
    }

    /** Every tensor as {@link Weights} for a model loader. */
    public Weights weights(NDManager manager) {
        return new Weights(loadAll(manager), source.toString());
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
