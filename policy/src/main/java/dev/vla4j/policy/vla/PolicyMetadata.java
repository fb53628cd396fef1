package dev.vla4j.policy.vla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.policy.ActionSpace;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.QuantileNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything besides the weights that a trained policy needs at run time ({@code policy_config.json}): the network
 * config, the action space and state normalization from the dataset statistics, the camera names in order, and the
 * word vocabulary (null when the LM's own tokenizer is used), the LoRA adapters the LM carries in
 * {@code model.safetensors} (null when its weights are plain or already merged), and the area of the centre crop
 * camera frames get before the vision tower ({@code centerCrop}: the random-crop area it was trained with, as
 * VLA-Adapter evaluates with {@code center_crop}; 1 for none), and the state dimensions the policy never sees
 * ({@code hiddenState}: zero after normalization, e.g. the end effector's velocity, which otherwise lets a policy
 * copy its previous action instead of reading the scene), and {@code environmentState}: the normalization of the
 * simulator's privileged state when the policy reads it after the robot's state (null for policies that do not: a
 * privileged policy is an experiment that measures what the action setup can reach, it cannot run on a real robot).
 */
public record PolicyMetadata(VlaConfig config, ActionSpace actionSpace, QuantileNormalizer state, List<String> cameras,
                             List<String> vocabulary, LoraConfig lora, double centerCrop, List<Integer> hiddenState,
                             QuantileNormalizer environmentState) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Without LoRA adapters. */
    public PolicyMetadata(VlaConfig config, ActionSpace actionSpace, QuantileNormalizer state, List<String> cameras,
                          List<String> vocabulary) {
        this(config, actionSpace, state, cameras, vocabulary, null, 1, List.of(), null);
    }

    public PolicyMetadata {
        hiddenState = List.copyOf(hiddenState);
        for (int dim : hiddenState) {
            if (dim < 0 || dim >= state.dim()) {
                throw new IllegalArgumentException("hidden state dimension " + dim + " is not one of the state's "
                        + state.dim());
            }
        }
        if (!(centerCrop > 0 && centerCrop <= 1)) {
            throw new IllegalArgumentException("the centre-crop area must be in (0, 1], got " + centerCrop);
        }
        cameras = List.copyOf(cameras);
        vocabulary = vocabulary == null ? null : List.copyOf(vocabulary);
        if (cameras.size() != config.cameras()) {
            throw new IllegalArgumentException("the config has " + config.cameras() + " camera(s) but " + cameras.size()
                    + " names were given: " + cameras);
        }
        int modelState = state.dim() + (environmentState == null ? 0 : environmentState.dim());
        if (actionSpace.dim() != config.head().actionDim() || modelState != config.proprioInputs()) {
            throw new IllegalArgumentException("the statistics have action dim " + actionSpace.dim() + " and state dim "
                    + modelState + ", the model expects " + config.head().actionDim() + " and " + config.proprioInputs());
        }
        if (config.wordTokenizer() != (vocabulary != null)) {
            throw new IllegalArgumentException("a word vocabulary is required exactly when the config uses the word tokenizer");
        }
        if (vocabulary != null && vocabulary.size() > config.vlm().text().vocabSize()) {
            throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " words but the LM only "
                    + config.vlm().text().vocabSize() + " ids");
        }
    }

    /** The same metadata for a network with {@link VlaConfig#startKeypoints} on or off. */
    public PolicyMetadata withStartKeypoints(boolean on) {
        return new PolicyMetadata(config.withStartKeypoints(on), actionSpace, state, cameras, vocabulary, lora, centerCrop,
                hiddenState, environmentState);
    }

    /** The same metadata with these LoRA adapters (null: none). */
    public PolicyMetadata withLora(LoraConfig adapters) {
        return new PolicyMetadata(config, actionSpace, state, cameras, vocabulary, adapters, centerCrop, hiddenState, environmentState);
    }

    /** The same metadata with this centre-crop area. */
    public PolicyMetadata withCenterCrop(double area) {
        return new PolicyMetadata(config, actionSpace, state, cameras, vocabulary, lora, area, hiddenState, environmentState);
    }

    /** The same metadata with these state dimensions hidden from the policy. */
    public PolicyMetadata withHiddenState(List<Integer> dims) {
        return new PolicyMetadata(config, actionSpace, state, cameras, vocabulary, lora, centerCrop, dims, environmentState);
    }

    /** The same metadata reading the simulator's privileged state, normalized by {@code normalizer}, after the state. */
    public PolicyMetadata withEnvironmentState(QuantileNormalizer normalizer) {
        return new PolicyMetadata(config, actionSpace, state, cameras, vocabulary, lora, centerCrop, hiddenState,
                normalizer);
    }

    /**
     * The head's proprio input for {@code observation}: the state q01/q99-normalized with the hidden dimensions zero,
     * then, for a privileged policy, the normalized environment state.
     *
     * @throws IllegalArgumentException when the state has the wrong size, or a privileged policy gets no environment
     *                                  state (only a simulator has it)
     */
    public float[] modelState(Observation observation) {
        float[] raw = observation.state();
        if (raw.length != state.dim()) {
            throw new IllegalArgumentException("the observation has a state of " + raw.length + " values; the policy "
                    + "was trained on " + state.dim());
        }
        float[] normalized = state.normalize(raw);
        for (int dim : hiddenState) {
            normalized[dim] = 0;
        }
        if (environmentState == null) {
            return normalized;
        }
        float[] privileged = observation.environmentState();
        if (privileged.length != environmentState.dim()) {
            throw new IllegalArgumentException("this policy reads the simulator's privileged environment state ("
                    + environmentState.dim() + " values) and the observation has " + privileged.length
                    + ": it runs in the simulator only");
        }
        float[] both = Arrays.copyOf(normalized, normalized.length + privileged.length);
        System.arraycopy(environmentState.normalize(privileged), 0, both, normalized.length, privileged.length);
        return both;
    }

    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.set("vla", config.toJson());
        ObjectNode action = json.putObject("action");
        normalizer(action, actionSpace.normalizer());
        action.put("gripper_dim", actionSpace.gripperDim());
        normalizer(json.putObject("state"), state);
        json.set("cameras", JSON.valueToTree(cameras));
        if (vocabulary != null) {
            json.set("vocabulary", JSON.valueToTree(vocabulary));
        }
        if (lora != null) {
            json.putObject("lora").put("rank", lora.rank()).put("alpha", lora.alpha());
        }
        if (centerCrop < 1) {
            json.put("center_crop", centerCrop);
        }
        if (!hiddenState.isEmpty()) {
            json.set("hidden_state", JSON.valueToTree(hiddenState));
        }
        if (environmentState != null) {
            normalizer(json.putObject("environment_state"), environmentState);
        }
        return json;
    }

    public static PolicyMetadata fromJson(JsonNode json) {
        for (String key : List.of("vla", "action", "state", "cameras")) {
            if (!json.has(key)) {
                throw new IllegalArgumentException("policy_config.json lacks '" + key + "'");
            }
        }
        JsonNode action = json.get("action");
        List<String> vocabulary = json.has("vocabulary") ? strings(json.get("vocabulary")) : null;
        return new PolicyMetadata(VlaConfig.fromJson(json.get("vla")),
                new ActionSpace(normalizer(action), action.path("gripper_dim").asInt(-1)),
                normalizer(json.get("state")), strings(json.get("cameras")), vocabulary,
                json.has("lora") ? new LoraConfig(json.get("lora").path("rank").asInt(), json.get("lora").path("alpha").asDouble())
                        : null, json.path("center_crop").asDouble(1), integers(json.path("hidden_state")),
                json.has("environment_state") ? normalizer(json.get("environment_state")) : null);
    }

    private static void normalizer(ObjectNode node, QuantileNormalizer normalizer) {
        node.set("q01", JSON.valueToTree(normalizer.q01()));
        node.set("q99", JSON.valueToTree(normalizer.q99()));
        node.set("mask", JSON.valueToTree(normalizer.mask()));
    }

    private static QuantileNormalizer normalizer(JsonNode node) {
        JsonNode q01 = node.get("q01");
        JsonNode q99 = node.get("q99");
        JsonNode mask = node.get("mask");
        if (q01 == null || q99 == null || mask == null) {
            throw new IllegalArgumentException("a normalizer needs q01, q99 and mask, got " + node);
        }
        float[] low = new float[q01.size()];
        float[] high = new float[q99.size()];
        boolean[] masked = new boolean[mask.size()];
        for (int i = 0; i < low.length; i++) {
            low[i] = (float) q01.get(i).asDouble();
        }
        for (int i = 0; i < high.length; i++) {
            high[i] = (float) q99.get(i).asDouble();
        }
        for (int i = 0; i < masked.length; i++) {
            masked[i] = mask.get(i).asBoolean();
        }
        return new QuantileNormalizer(low, high, masked);
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asInt()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
