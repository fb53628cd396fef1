package dev.vla4j.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * How a behaviour-cloning run trains, validated on construction; saved as the run's {@code config.json} and changed
 * key by key with {@code --set key=value}.
 *
 * @param model       the network preset (tiny, small, fastvlm-0.5b)
 * @param lm          full (train every LM weight), lora (adapters only, VLA-Adapter's recipe) or frozen
 * @param vision      full or frozen (the vision tower and projector)
 * @param augment     random crop + colour jitter on camera frames
 * @param cropArea    the fraction of the image the random crop keeps (VLA-Adapter: 0.9; 1: colour jitter only)
 * @param minLrRatio  the cosine schedule ends at this fraction of {@code lr}
 * @param hideState   state dimensions the policy never sees (zero after normalization), e.g. {@code [2, 3]}, the
 *                    simulator's end-effector velocity, which invites copying the previous action
 * @param privilegedState the policy also reads the dataset's {@code observation.environment_state} (the simulator's
 *                    privileged state) after the robot's state: the ceiling of the action setup, for the simulator only
 * @param auxStateWeight weight of an auxiliary L1 loss that predicts the normalized environment state from the last
 *                    LM layer's ActionQuery tokens (0: off); training-time supervision only, never an input
 * @param imagePositions the network adds a 2-D position code to its image tokens ({@code VlaConfig#imagePositions})
 * @param proprioInLatent the head also adds the proprio token to its initial latent
 *                    ({@code BridgeAttentionConfig#proprioInLatent})
 * @param keypoints   instruction-conditioned spatial-softmax keypoints read by the head ({@code VlaConfig#keypoints}; 0:
 *                    off); with the auxiliary loss on, the keypoints are what predicts the environment state
 * @param keypointSlots instruction-free keypoints ({@code VlaConfig#keypointSlots}); with the auxiliary loss on and
 *                    block positions in the dataset, slot k learns where block kind k is (one slot per kind, and no
 *                    random crop, which would move the blocks in the image)
 * @param startKeypoints the head also reads the keypoints of the frames at which the instruction began
 *                    ({@code VlaConfig#startKeypoints}), for instructions judged against where things were then
 * @param init        a policy folder whose weights the run starts from ("": random weights), e.g. a perception already
 *                    trained, to train the head on with {@code vision=frozen}; its network and data must be this run's
 */
public record TrainConfig(String model, int steps, int batchSize, double lr, int warmupSteps, double minLrRatio,
                          double weightDecay, double gradClip, int logEvery, int checkpointEvery, long seed,
                          boolean augment, double cropArea, String lm, int loraRank, double loraAlpha,
                          String vision, List<Integer> hideState, boolean privilegedState, double auxStateWeight,
                          boolean imagePositions, boolean proprioInLatent, int keypoints, int keypointSlots,
                          boolean startKeypoints, String init) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LM_MODES = List.of("full", "lora", "frozen");
    private static final List<String> VISION_MODES = List.of("full", "frozen");

    public TrainConfig {
        positive("steps", steps);
        positive("batch_size", batchSize);
        positive("log_every", logEvery);
        positive("checkpoint_every", checkpointEvery);
        positive("lora_rank", loraRank);
        if (!(lr > 0) || !(minLrRatio >= 0 && minLrRatio <= 1) || !(weightDecay >= 0) || !(gradClip > 0)
                || !(loraAlpha > 0) || warmupSteps < 0 || warmupSteps > steps || !(cropArea > 0 && cropArea <= 1)) {
            throw invalid("needs lr > 0, 0 <= min_lr_ratio <= 1, weight_decay >= 0, grad_clip > 0, lora_alpha > 0, "
                    + "0 < crop_area <= 1 and 0 <= warmup_steps <= steps");
        }
        if (keypoints < 0 || keypointSlots < 0) {
            throw invalid("keypoints and keypoint_slots must be >= 0, got " + keypoints + " and " + keypointSlots);
        }
        if (keypointSlots > 0 && auxStateWeight > 0 && augment && cropArea < 1) {
            throw invalid("supervised keypoint slots need crop_area=1 (a random crop moves the blocks in the image)");
        }
        if (!(auxStateWeight >= 0) || Double.isInfinite(auxStateWeight)) {
            throw invalid("aux_state_weight must be a finite number >= 0, got " + auxStateWeight);
        }
        hideState = List.copyOf(hideState);
        if (hideState.stream().anyMatch(dim -> dim < 0)) {
            throw invalid("hide_state lists state dimensions (>= 0), got " + hideState);
        }
        if (init == null) {
            throw invalid("init is a policy folder or \"\" for random weights");
        }
        if (!LM_MODES.contains(lm) || !VISION_MODES.contains(vision)) {
            throw invalid("lm must be one of " + LM_MODES + " and vision one of " + VISION_MODES + "; got lm=" + lm
                    + ", vision=" + vision);
        }
    }

    /** The recipe of each network preset. */
    public static TrainConfig preset(String name) {
        return switch (name) {
            case "tiny" -> new TrainConfig("tiny", 20, 4, 1e-3, 2, 0.1, 0.01, 1.0, 1, 10, 7, true, 0.9, "full", 8, 16, "full",
                    List.of(), false, 0, false, false, 0, 0, false, "");
            case "small" -> new TrainConfig("small", 3000, 32, 5e-4, 100, 0.05, 0.01, 1.0, 10, 500, 7, true, 0.9, "full",
                    8, 16, "full", List.of(), false, 0, false, true, 0, 0, false, "");
            case "fastvlm-0.5b" -> new TrainConfig("fastvlm-0.5b", 50_000, 16, 2e-4, 0, 1.0, 0.01, 1.0, 10, 5000, 7, true,
                    0.9, "lora", 64, 128, "full", List.of(), false, 0, false, false, 0, 0, false, "");
            default -> throw invalid("unknown preset '" + name + "' (tiny, small, fastvlm-0.5b)");
        };
    }

    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("model", model).put("steps", steps).put("batch_size", batchSize).put("lr", lr)
                .put("warmup_steps", warmupSteps).put("min_lr_ratio", minLrRatio).put("weight_decay", weightDecay)
                .put("grad_clip", gradClip).put("log_every", logEvery).put("checkpoint_every", checkpointEvery)
                .put("seed", seed).put("augment", augment).put("crop_area", cropArea).put("lm", lm).put("lora_rank", loraRank)
                .put("lora_alpha", loraAlpha).put("vision", vision);
        json.set("hide_state", JSON.valueToTree(hideState));
        json.put("privileged_state", privilegedState).put("aux_state_weight", auxStateWeight)
                .put("image_positions", imagePositions).put("proprio_in_latent", proprioInLatent).put("keypoints", keypoints)
                .put("keypoint_slots", keypointSlots).put("start_keypoints", startKeypoints).put("init", init);
        return json;
    }

    public static TrainConfig fromJson(JsonNode json) {
        TrainConfig base = preset(json.path("model").asText("small"));
        ObjectNode merged = base.toJson();
        json.fields().forEachRemaining(e -> {
            if (!merged.has(e.getKey())) {
                throw invalid("unknown key '" + e.getKey() + "' (known: " + known(merged) + ")");
            }
            merged.set(e.getKey(), e.getValue());
        });
        return new TrainConfig(merged.get("model").asText(), merged.get("steps").asInt(), merged.get("batch_size").asInt(),
                merged.get("lr").asDouble(), merged.get("warmup_steps").asInt(), merged.get("min_lr_ratio").asDouble(),
                merged.get("weight_decay").asDouble(), merged.get("grad_clip").asDouble(), merged.get("log_every").asInt(),
                merged.get("checkpoint_every").asInt(), merged.get("seed").asLong(), merged.get("augment").asBoolean(),
                merged.get("crop_area").asDouble(),
                merged.get("lm").asText(), merged.get("lora_rank").asInt(), merged.get("lora_alpha").asDouble(),
                merged.get("vision").asText(), hideState(merged.get("hide_state")),
                merged.get("privileged_state").asBoolean(), merged.get("aux_state_weight").asDouble(),
                merged.get("image_positions").asBoolean(), merged.get("proprio_in_latent").asBoolean(),
                merged.get("keypoints").asInt(), merged.get("keypoint_slots").asInt(),
                merged.get("start_keypoints").asBoolean(), merged.get("init").asText());
    }

    /** This config with {@code key=value} overrides (values parsed as JSON where they parse, else as text). */
    public TrainConfig with(List<String> overrides) {
        ObjectNode json = toJson();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw invalid("an override is key=value, got '" + override + "'");
            }
            String key = override.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('.', '_');
            String value = override.substring(eq + 1).strip();
            if (!json.has(key)) {
                throw invalid("unknown key '" + key + "' (known: " + known(json) + ")");
            }
            try {
                json.set(key, JSON.readTree(value));
            } catch (java.io.IOException notJson) {
                json.put(key, value);
            }
            if (json.get(key).isMissingNode() || json.get(key).isNull()) {
                json.put(key, value);
            }
        }
        return fromJson(json);
    }

    private static List<Integer> hideState(JsonNode node) {
        if (!node.isArray()) {
            throw invalid("hide_state is a list of state dimensions like [2, 3], got " + node);
        }
        List<Integer> dims = new java.util.ArrayList<>();
        node.forEach(dim -> {
            if (!dim.canConvertToInt()) {
                throw invalid("hide_state is a list of state dimensions like [2, 3], got " + node);
            }
            dims.add(dim.asInt());
        });
        return dims;
    }

    private static String known(ObjectNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw invalid(key + " must be positive, got " + value);
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid training config: " + message);
    }
}
