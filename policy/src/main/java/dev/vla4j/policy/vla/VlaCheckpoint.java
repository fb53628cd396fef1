package dev.vla4j.policy.vla;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.bridge.BridgeAttentionHead;
import dev.vla4j.perception.fastvlm.FastVlm;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.SafetensorsCheckpoint;
import dev.vla4j.perception.io.SafetensorsWriter;
import dev.vla4j.perception.io.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A trained policy on disk, in VLA-Adapter's split: {@code model.safetensors} (the VLM by its upstream names plus
 * {@code action_queries.weight} and, with keypoints, {@code keypoints.*}), {@code action_head.safetensors},
 * {@code proprio_projector.safetensors}, and {@code policy_config.json} ({@link PolicyMetadata}). A folder is written
 * beside its target and renamed into place, so a crash or a full disk leaves the previous checkpoint intact.
 *
 * <p>The vision tower is stored in the form the model has: a model being trained keeps its train-time form, with the
 * BatchNorms' running statistics, so that a resumed run continues exactly; {@link VlaPolicy} folds it for
 * inference. {@code policy_config.json} names the form ({@value #VISION_FORM}: {@value #TRAIN_FORM} or
 * {@value #INFERENCE_FORM}); without the key the tower is folded, as checkpoints were before the key existed.
 */
public final class VlaCheckpoint {
    public static final String CONFIG = "policy_config.json";
    public static final String MODEL = "model.safetensors";
    public static final String HEAD = "action_head.safetensors";
    public static final String PROJECTOR = "proprio_projector.safetensors";
    static final String VISION_FORM = "vision_form";
    static final String TRAIN_FORM = "train";
    static final String INFERENCE_FORM = "inference";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VlaCheckpoint() {}

    /** A loaded policy network with its metadata. */
    public record Loaded(VlaModel model, PolicyMetadata metadata) {}

    /** Saves the model; its LM's LoRA adapters, if any, are stored beside the base weights (see {@link PolicyMetadata#lora()}). */
    public static void save(Path folder, VlaModel model, PolicyMetadata metadata) {
        if (model.vlm().language().hasLora() != (metadata.lora() != null)) {
            throw new IllegalArgumentException("the metadata must name the LoRA adapters exactly when the LM has them");
        }
        Path parent = folder.toAbsolutePath().getParent();
        Path staging = parent.resolve("." + folder.getFileName() + ".partial");
        try {
            Files.createDirectories(parent);
            deleteTree(staging);
            Files.createDirectories(staging);
            Map<String, NDArray> vlm = new LinkedHashMap<>(model.vlm().parameters());
            vlm.putAll(model.vlm().language().loraParameters());
            vlm.put(VlaModel.ACTION_QUERIES, model.actionQueries());
            vlm.putAll(model.keypointParameters());
            SafetensorsWriter.write(staging.resolve(MODEL), vlm, Map.of("format", "pt"));
            SafetensorsWriter.write(staging.resolve(HEAD), model.head().actionHead().parameters(), Map.of());
            SafetensorsWriter.write(staging.resolve(PROJECTOR), model.head().proprioProjector().parameters(), Map.of());
            String form = model.vlm().vision().isTrainForm() ? TRAIN_FORM : INFERENCE_FORM;
            Files.writeString(staging.resolve(CONFIG), metadata.toJson().put(VISION_FORM, form).toPrettyString());
            replace(staging, folder);
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // the original failure matters more
            }
            throw new CheckpointException(folder + ": cannot save the checkpoint (the previous one, if any, is intact): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads strictly, the vision tower in the form it was saved in: every tensor must be one the config expects for
     * that form, with its shape.
     */
    public static Loaded load(Path folder, NDManager manager) {
        Path configFile = folder.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder + ": no " + CONFIG + " (not a vla4j policy checkpoint)");
        }
        PolicyMetadata metadata;
        boolean trainForm;
        try {
            JsonNode json = JSON.readTree(configFile.toFile());
            metadata = PolicyMetadata.fromJson(json);
            trainForm = isTrainForm(json.path(VISION_FORM).asText(INFERENCE_FORM));
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(configFile + ": " + e.getMessage(), e);
        }
        VlaConfig config = metadata.config();
        try (SafetensorsCheckpoint vlmFile = SafetensorsCheckpoint.open(folder.resolve(MODEL));
             SafetensorsCheckpoint headFile = SafetensorsCheckpoint.open(folder.resolve(HEAD));
             SafetensorsCheckpoint projectorFile = SafetensorsCheckpoint.open(folder.resolve(PROJECTOR))) {
            Weights weights = vlmFile.weights(manager);
            FastVlm vlm = trainForm ? FastVlm.loadTrainForm(config.vlm(), weights)
                    : FastVlm.load(config.vlm(), weights);
            if (metadata.lora() != null) {
                vlm.language().loadLora(metadata.lora(), weights);
            }
            NDArray queries = weights.take(VlaModel.ACTION_QUERIES,
                    new ai.djl.ndarray.types.Shape(config.head().numActionQueries(), config.vlm().text().hiddenSize()));
            Map<String, NDArray> keypoints = new LinkedHashMap<>();
            KeypointReadout.expectedTensors(config).forEach((name, shape) -> keypoints.put(name, weights.take(name, shape)));
            weights.requireAllUsed();
            BridgeAttentionHead head = BridgeAttentionHead.load(config.head(), headFile.loadAll(manager),
                    projectorFile.loadAll(manager));
            return new Loaded(new VlaModel(config, vlm, queries, head, keypoints), metadata);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(folder + ": the weights do not fit " + CONFIG + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTrainForm(String form) {
        if (!form.equals(TRAIN_FORM) && !form.equals(INFERENCE_FORM)) {
            throw new IllegalArgumentException(VISION_FORM + " must be '" + TRAIN_FORM + "' or '" + INFERENCE_FORM
                    + "', got '" + form + "'");
        }
        return form.equals(TRAIN_FORM);
    }

    /** Moves {@code staging} to {@code target}, replacing an older folder only once the new one is complete. */
    private static void replace(Path staging, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
