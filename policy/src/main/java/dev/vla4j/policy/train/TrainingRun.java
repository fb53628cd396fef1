package dev.vla4j.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.SafetensorsCheckpoint;
import dev.vla4j.perception.io.SafetensorsWriter;
import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.VlaCheckpoint;
import dev.vla4j.policy.vla.VlaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training run's folder: {@code config.json} (the resolved training config and the dataset), {@code metrics.jsonl}
 * (one JSON line per log step), {@code checkpoints/step-NNNNNN/} (a policy checkpoint plus {@code training_state/}:
 * optimizer moments and the step), {@code checkpoints/last} (a link to the newest complete one), and
 * {@code learning_curve.png}. {@code last} moves only after a checkpoint is complete, so a crash or a full disk
 * leaves the previous one as the resume point.
 */
public final class TrainingRun {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CURVE = "learning_curve.png";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String LAST = "last";
    static final String STATE_DIR = "training_state";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String AUXILIARY = "auxiliary.safetensors";
    static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final TrainConfig config;
    private final Path dataset;

    private TrainingRun(Path dir, TrainConfig config, Path dataset) {
        this.dir = dir;
        this.config = config;
        this.dataset = dataset;
    }

    /** A new run in an empty or absent folder. */
    public static TrainingRun create(Path dir, TrainConfig config, Path dataset) {
        try {
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " is not empty: choose a new --out, or --resume " + dir);
                    }
                }
            }
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            ObjectNode json = JSON.createObjectNode();
            json.set("train", config.toJson());
            json.put("dataset", dataset.toAbsolutePath().normalize().toString());
            Files.writeString(dir.resolve(CONFIG), json.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
        return new TrainingRun(dir, config, dataset);
    }

    /** An existing run, as its {@code config.json} describes it. */
    public static TrainingRun open(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a training run (no " + CONFIG + ")");
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            return new TrainingRun(dir, TrainConfig.fromJson(json.get("train")), Path.of(json.get("dataset").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is unreadable: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public TrainConfig config() {
        return config;
    }

    public Path dataset() {
        return dataset;
    }

    public Path lastCheckpoint() {
        return dir.resolve(CHECKPOINTS).resolve(LAST);
    }

    public boolean hasCheckpoint() {
        return Files.isDirectory(lastCheckpoint());
    }

    public void appendMetrics(ObjectNode line) {
        try {
            Files.writeString(dir.resolve(METRICS), line.toString() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(METRICS), e);
        }
    }

    /** Every metrics line so far (for the learning curve). */
    public List<JsonNode> metrics() {
        Path file = dir.resolve(METRICS);
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return lines;
    }

    /** Writes step {@code step}'s checkpoint and training state, then points {@code last} at it. */
    public Path saveCheckpoint(long step, VlaModel model, PolicyMetadata metadata, AdamW optimizer,
                               Map<String, NDArray> auxiliary) {
        Path folder = dir.resolve(CHECKPOINTS).resolve(String.format("step-%06d", step));
        VlaCheckpoint.save(folder, model, metadata);
        try {
            Path state = Files.createDirectories(folder.resolve(STATE_DIR));
            SafetensorsWriter.write(state.resolve(OPTIMIZER), optimizer.state(), Map.of());
            if (!auxiliary.isEmpty()) {
                SafetensorsWriter.write(state.resolve(AUXILIARY), auxiliary, Map.of());
            }
            Files.writeString(state.resolve(STATE), JSON.createObjectNode().put("step", step)
                    .put("optimizer_step", optimizer.step()).toString());
            Path link = dir.resolve(CHECKPOINTS).resolve("." + LAST + ".tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, folder.getFileName());
            Files.move(link, lastCheckpoint(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CheckpointException(folder + ": cannot save the training state (" + LAST + " still points at the "
                    + "previous checkpoint): " + e.getMessage(), e);
        }
        return folder;
    }

    /** The training-only tensors saved with {@code checkpoint} (the auxiliary head), by name. */
    static Map<String, NDArray> restoreAuxiliary(Path checkpoint, NDManager manager) {
        Path file = checkpoint.resolve(STATE_DIR).resolve(AUXILIARY);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + " is missing: the run trains an auxiliary head, so resume needs it");
        }
        try (SafetensorsCheckpoint saved = SafetensorsCheckpoint.open(file)) {
            return saved.loadAll(manager);
        }
    }

    /** The step and optimizer state saved in {@code checkpoint}, restored into {@code optimizer}. */
    static long restoreOptimizer(Path checkpoint, AdamW optimizer, NDManager manager) {
        Path state = checkpoint.resolve(STATE_DIR);
        try (SafetensorsCheckpoint moments = SafetensorsCheckpoint.open(state.resolve(OPTIMIZER))) {
            JsonNode json = JSON.readTree(state.resolve(STATE).toFile());
            Map<String, NDArray> arrays = moments.loadAll(manager);
            optimizer.restore(arrays, json.get("optimizer_step").asLong());
            arrays.values().forEach(NDArray::close);
            return json.get("step").asLong();
        } catch (IOException e) {
            throw new CheckpointException(state + ": unreadable training state: " + e.getMessage(), e);
        }
    }
}
