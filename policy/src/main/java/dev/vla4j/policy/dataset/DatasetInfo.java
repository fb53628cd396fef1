package dev.vla4j.policy.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code meta/info.json}: the dataset's features and totals, and the file layout (LeRobot v3.0). It is written
 * last when an episode is committed, so its totals say which episodes are complete.
 */
record DatasetInfo(DatasetSpec spec, long totalEpisodes, long totalFrames, int totalTasks, int chunksSize,
                   String dataPath) {

    static final String CODEBASE_VERSION = "v3.0";
    static final int CHUNKS_SIZE = 1000;
    static final String DATA_PATH = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
    static final ObjectMapper JSON = new ObjectMapper();

    DatasetInfo {
        if (totalEpisodes < 0 || totalFrames < 0 || totalTasks < 0 || chunksSize <= 0) {
            throw new IllegalArgumentException("totals must be non-negative and chunks_size positive");
        }
        if (!dataPath.contains("{chunk_index:03d}") || !dataPath.contains("{file_index:03d}")) {
            throw new IllegalArgumentException("data_path '" + dataPath
                    + "' lacks {chunk_index:03d} or {file_index:03d}");
        }
    }

    static DatasetInfo empty(DatasetSpec spec) {
        return new DatasetInfo(spec, 0, 0, 0, CHUNKS_SIZE, DATA_PATH);
    }

    /** The data file (relative to the dataset root) of a chunk/file pair. */
    String dataFile(int chunk, int file) {
        return dataPath.replace("{chunk_index:03d}", String.format("%03d", chunk))
                .replace("{file_index:03d}", String.format("%03d", file));
    }

    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("codebase_version", CODEBASE_VERSION);
        root.put("robot_type", spec.robotType());
        root.put("total_episodes", totalEpisodes);
        root.put("total_frames", totalFrames);
        root.put("total_tasks", totalTasks);
        root.put("chunks_size", chunksSize);
        root.put("data_files_size_in_mb", 100);
        root.put("video_files_size_in_mb", 500);
        root.put("fps", spec.fps());
        ObjectNode splits = root.putObject("splits");
        if (totalEpisodes > 0) {
            splits.put("train", "0:" + totalEpisodes);
        }
        root.put("data_path", dataPath);
        root.putNull("video_path");
        ObjectNode features = root.putObject("features");
        for (FeatureSpec feature : spec.allFeatures()) {
            ObjectNode node = features.putObject(feature.name());
            node.put("dtype", feature.dtype().lerobotName());
            ArrayNode shape = node.putArray("shape");
            feature.shape().forEach(shape::add);
            if (feature.names() == null) {
                node.putNull("names");
            } else {
                ArrayNode names = node.putArray("names");
                feature.names().forEach(names::add);
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * Parses and validates {@code info.json}.
     *
     * @throws DatasetFormatException naming {@code file}: unreadable JSON, a codebase_version other than v3.x,
     *                                missing or invalid fields, unsupported or inconsistent features
     */
    static DatasetInfo read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetFormatException(file, "not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DatasetFormatException(file, "expected a JSON object");
        }
        String version = root.path("codebase_version").asText("");
        if (!version.startsWith("v3.")) {
            throw new DatasetFormatException(file, "codebase_version '" + version
                    + "' is not supported: this reader reads LeRobot v3.x datasets");
        }
        try {
            JsonNode features = root.get("features");
            if (features == null || !features.isObject()) {
                throw new IllegalArgumentException("'features' must be an object");
            }
            List<FeatureSpec> all = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                all.add(feature(entry.getKey(), entry.getValue()));
            }
            JsonNode robotType = root.path("robot_type");
            DatasetSpec spec = DatasetSpec.fromAllFeatures(requiredInt(root, "fps"),
                    robotType.isTextual() ? robotType.asText() : null, all);
            return new DatasetInfo(spec, requiredLong(root, "total_episodes"), requiredLong(root, "total_frames"),
                    requiredInt(root, "total_tasks"), requiredInt(root, "chunks_size"),
                    root.path("data_path").asText(""));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new DatasetFormatException(file, e.getMessage(), e);
        }
    }

    private static FeatureSpec feature(String name, JsonNode node) {
        JsonNode shapeNode = node.path("shape");
        if (!shapeNode.isArray()) {
            throw new IllegalArgumentException("feature '" + name + "' has no shape array");
        }
        List<Integer> shape = new ArrayList<>();
        shapeNode.forEach(d -> shape.add(d.asInt()));
        List<String> names = null;
        JsonNode namesNode = node.path("names");
        if (namesNode.isArray()) {
            names = new ArrayList<>();
            for (JsonNode n : namesNode) {
                names.add(n.asText());
            }
        }
        return new FeatureSpec(name, FeatureSpec.Dtype.fromLerobotName(node.path("dtype").asText("")), shape,
                names);
    }

    private static long requiredLong(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, got " + value);
        }
        return value.asLong();
    }

    private static int requiredInt(JsonNode root, String key) {
        return Math.toIntExact(requiredLong(root, key));
    }
}
