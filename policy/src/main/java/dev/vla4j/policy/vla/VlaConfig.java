package dev.vla4j.policy.vla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.bridge.BridgeAttentionConfig;
import dev.vla4j.perception.fastvlm.FastVlmConfig;
import dev.vla4j.perception.qwen.Qwen2Config;
import dev.vla4j.perception.vision.FastVitHdConfig;
import java.util.List;

/**
 * A whole VLA: FastVLM perception, the Bridge Attention head, and how they are joined.
 *
 * <p>Token layout (after VLA-Adapter): {@code [bos | image tokens of every camera |
 * prompt | pad… | ActionQuery tokens]}. Head block i reads LM hidden state i+1: the image tokens as raw features and
 * the ActionQuery positions as ActionQuery features (vla4j reads the image tokens and the query slots themselves,
 * not upstream's off-by-one neighbours, which only matter for loading upstream checkpoints of another VLM).
 *
 * @param cameras          camera images per observation, primary first
 * @param maxPromptTokens  longest tokenized prompt (including bos); longer instructions are refused
 * @param wordTokenizer    true: a word vocabulary built from the training instructions (small models trained from
 *                         scratch); false: the LM's own Qwen BPE tokenizer (pretrained FastVLM)
 * @param imagePositions   true: a fixed 2-D sine-cosine code of each image token's grid cell is added to its embedding
 *                         before the LM, so the values the head reads say where in the image they come from (RoPE only
 *                         shapes attention weights); false for upstream checkpoints
 * @param keypoints        instruction-conditioned spatial-softmax keypoints per camera ({@link KeypointReadout}) whose
 *                         image positions reach the head after the proprio vector (so {@code head.proprio_dim} counts
 *                         their {@link #keypointValues()}); 0 (off) for upstream checkpoints
 * @param keypointSlots    more keypoints per camera whose queries are learned constants (instruction-free detectors,
 *                         in training each supervised by one block kind's position when the data has them); 0: none
 * @param startKeypoints   true: the head also reads the keypoints found in the frames at which the instruction began
 *                         ({@link dev.vla4j.policy.Observation#instructionStart}), between the state and the current
 *                         keypoints, so a relative instruction can be judged against where things were then; needs
 *                         keypoints
 */
public record VlaConfig(FastVlmConfig vlm, BridgeAttentionConfig head, int cameras, int maxPromptTokens,
                        boolean wordTokenizer, boolean imagePositions, int keypoints, int keypointSlots,
                        boolean startKeypoints) {
    public VlaConfig {
        Qwen2Config lm = vlm.text();
        if (cameras <= 0 || maxPromptTokens <= 1) {
            throw invalid("cameras must be positive and max_prompt_tokens above 1");
        }
        if (head.hiddenDim() != lm.hiddenSize()) {
            throw invalid("head hidden_dim " + head.hiddenDim() + " must equal the LM hidden_size " + lm.hiddenSize());
        }
        if (head.numBlocks() != lm.numHiddenLayers()) {
            throw invalid("the head needs one block per LM layer: num_blocks " + head.numBlocks() + " but the LM has "
                    + lm.numHiddenLayers() + " layers");
        }
        if (head.rawTokens() != cameras * vlm.imageTokens()) {
            throw invalid("raw tokens " + head.rawTokens() + " must be cameras × image tokens = " + cameras + " × "
                    + vlm.imageTokens());
        }
        int grid = (int) Math.round(Math.sqrt(vlm.imageTokens()));
        if (imagePositions && (grid * grid != vlm.imageTokens() || lm.hiddenSize() % 4 != 0)) {
            throw invalid("image positions need a square token grid and a hidden size divisible by 4, got "
                    + vlm.imageTokens() + " tokens of " + lm.hiddenSize());
        }
        int keypointValues = positionValues(keypoints, keypointSlots, cameras) * (startKeypoints ? 2 : 1);
        if (startKeypoints && keypointValues == 0) {
            throw invalid("start_keypoints needs keypoints or keypoint_slots");
        }
        if (keypoints < 0 || keypointSlots < 0 || keypointValues > 0 && (head.proprioDim() <= keypointValues
                || !vlm.vision().stageStrides().contains(KeypointReadout.STRIDE))) {
            throw invalid("keypoints and keypoint_slots must be >= 0; with either the vision tower needs a stage at "
                    + "stride " + KeypointReadout.STRIDE + " and the head's proprio_dim must exceed their "
                    + keypointValues + " values; got " + keypoints + " and " + keypointSlots + ", proprio_dim "
                    + head.proprioDim() + ", stage strides " + vlm.vision().stageStrides());
        }
        if (sequenceLength(vlm, head, cameras, maxPromptTokens) > vlm.maxSequenceLength()) {
            throw invalid("the longest sequence (" + sequenceLength(vlm, head, cameras, maxPromptTokens)
                    + " positions) exceeds the LM's limit " + vlm.maxSequenceLength());
        }
    }

    /** The head's proprio values that are keypoint image positions (x, y per keypoint and camera), after the state. */
    public int keypointValues() {
        return positionValues(keypoints, keypointSlots, cameras);
    }

    /** x and y of every keypoint and slot on every camera. */
    private static int positionValues(int keypoints, int slots, int cameras) {
        return 2 * (keypoints + slots) * cameras;
    }

    /**
     * The head's proprio values that are keypoint positions: the current frames' {@link #keypointValues()}, and as many
     * again from the instruction's first frames with {@link #startKeypoints}.
     */
    public int headKeypointValues() {
        return keypointValues() * (startKeypoints ? 2 : 1);
    }

    /**
     * The proprio values a caller gives the model (state, then any privileged state): the head's less the keypoints'.
     */
    public int proprioInputs() {
        return head.proprioDim() - headKeypointValues();
    }

    /** Positions the LM sees: prompt (with bos) + image tokens + ActionQuery tokens. */
    public int sequenceLength() {
        return sequenceLength(vlm, head, cameras, maxPromptTokens);
    }

    private static int sequenceLength(FastVlmConfig vlm, BridgeAttentionConfig head, int cameras, int prompt) {
        return prompt + cameras * vlm.imageTokens() + head.numActionQueries();
    }

    /** Tests: the golden-sized vision tower at 128² (4 tokens), a 2-layer LM of width 64, a 2-block head. */
    public static VlaConfig tiny(int actionDim, int proprioDim) {
        FastVlmConfig vlm = new FastVlmConfig(new Qwen2Config(128, 64, 128, 2, 4, 2, 1e6, 1e-6, true, 128),
                FastVitHdConfig.tiny(), "custom", 128, 128);
        return new VlaConfig(vlm, head(64, 2, actionDim, proprioDim, 8, vlm.imageTokens(), 8), 1, 24, true, false, 0, 0, false);
    }

    /**
     * The simulator benchmark: a 4-stage FastViTHD-style encoder at 128² with stride 16 (64 tokens), a 4-layer
     * Qwen2 of width 128 and a 4-block Pro head with 16 ActionQuery tokens that also adds the proprio token to its
     * initial latent ({@link BridgeAttentionConfig#proprioInLatent}: rung 0 of docs/results/small-cpu/LADDER.md).
     */
    public static VlaConfig small(int actionDim, int proprioDim) {
        FastVitHdConfig vision = new FastVitHdConfig(List.of(1, 2, 2, 1), List.of(32, 64, 128, 128),
                List.of(3.0, 3.0, 3.0, 3.0), List.of(true, true, false, false),
                List.of(FastVitHdConfig.TokenMixer.REPMIXER, FastVitHdConfig.TokenMixer.REPMIXER,
                        FastVitHdConfig.TokenMixer.ATTENTION, FastVitHdConfig.TokenMixer.ATTENTION),
                List.of(false, false, true, false), 32, 32, 2.0, 3);
        FastVlmConfig vlm = new FastVlmConfig(new Qwen2Config(512, 128, 512, 4, 4, 2, 1e6, 1e-6, true, 256),
                vision, "custom", 128, 256);
        return new VlaConfig(vlm, head(128, 4, actionDim, proprioDim, 8, vlm.imageTokens(), 16).withProprioInLatent(true),
                1, 32, true, false, 0, 0, false);
    }

    /** The papers' scale (for a GPU): FastVLM-0.5B at 1024² (256 tokens per camera), the full Pro head (24 blocks). */
    public static VlaConfig fastVlm05b(int actionDim, int proprioDim, int cameras) {
        FastVlmConfig vlm = FastVlmConfig.fastVlm05b();
        return new VlaConfig(vlm, head(896, 24, actionDim, proprioDim, 8, cameras * vlm.imageTokens(), 64), cameras, 64,
                false, false, 0, 0, false);
    }

    /** A preset by name: tiny, small or fastvlm-0.5b. */
    public static VlaConfig preset(String name, int actionDim, int proprioDim, int cameras) {
        return switch (name) {
            case "tiny" -> cameras == 1 ? tiny(actionDim, proprioDim) : refuseCameras(name, cameras);
            case "small" -> cameras == 1 ? small(actionDim, proprioDim) : refuseCameras(name, cameras);
            case "fastvlm-0.5b" -> fastVlm05b(actionDim, proprioDim, cameras);
            default -> throw invalid("unknown preset '" + name + "' (tiny, small, fastvlm-0.5b)");
        };
    }

    private static VlaConfig refuseCameras(String name, int cameras) {
        throw invalid("preset " + name + " has one camera; the dataset has " + cameras);
    }

    private static BridgeAttentionConfig head(int width, int blocks, int actionDim, int proprioDim, int chunk,
                                              int rawTokens, int queries) {
        return new BridgeAttentionConfig(width, width, blocks, 8, chunk, actionDim, proprioDim, queries, rawTokens, true);
    }

    /** This config with or without {@link #imagePositions}. */
    public VlaConfig withImagePositions(boolean on) {
        return new VlaConfig(vlm, head, cameras, maxPromptTokens, wordTokenizer, on, keypoints, keypointSlots,
                startKeypoints);
    }

    /** This config with the head's {@link BridgeAttentionConfig#proprioInLatent} on or off. */
    public VlaConfig withProprioInLatent(boolean on) {
        return new VlaConfig(vlm, head.withProprioInLatent(on), cameras, maxPromptTokens, wordTokenizer, imagePositions,
                keypoints, keypointSlots, startKeypoints);
    }

    /**
     * This config with {@code conditioned} {@link #keypoints} and {@code slots} {@link #keypointSlots} per camera, the
     * head's proprio_dim grown or shrunk to match.
     */
    public VlaConfig withKeypoints(int conditioned, int slots) {
        int proprio = proprioInputs() + positionValues(conditioned, slots, cameras) * (startKeypoints ? 2 : 1);
        return new VlaConfig(vlm, head.withProprioDim(proprio), cameras, maxPromptTokens, wordTokenizer, imagePositions,
                conditioned, slots, startKeypoints);
    }

    /** This config with or without {@link #startKeypoints}, the head's proprio_dim grown or shrunk to match. */
    public VlaConfig withStartKeypoints(boolean on) {
        int proprio = proprioInputs() + keypointValues() * (on ? 2 : 1);
        return new VlaConfig(vlm, head.withProprioDim(proprio), cameras, maxPromptTokens, wordTokenizer, imagePositions,
                keypoints, keypointSlots, on);
    }

    public ObjectNode toJson() {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.set("vlm", vlm.toJson());
        json.set("head", head.toJson());
        json.put("cameras", cameras).put("max_prompt_tokens", maxPromptTokens).put("word_tokenizer", wordTokenizer);
        if (imagePositions) {
            json.put("image_positions", true);
        }
        if (keypoints > 0) {
            json.put("keypoints", keypoints);
        }
        if (keypointSlots > 0) {
            json.put("keypoint_slots", keypointSlots);
        }
        if (startKeypoints) {
            json.put("start_keypoints", true);
        }
        return json;
    }

    public static VlaConfig fromJson(JsonNode json) {
        for (String key : List.of("vlm", "head", "cameras", "max_prompt_tokens", "word_tokenizer")) {
            if (!json.has(key)) {
                throw invalid("policy config lacks '" + key + "'");
            }
        }
        return new VlaConfig(FastVlmConfig.fromJson(json.get("vlm")), BridgeAttentionConfig.fromJson(json.get("head")),
                json.get("cameras").asInt(), json.get("max_prompt_tokens").asInt(), json.get("word_tokenizer").asBoolean(),
                json.path("image_positions").asBoolean(false), count(json, "keypoints"), count(json, "keypoint_slots"),
                json.path("start_keypoints").asBoolean(false));
    }

    private static int count(JsonNode json, String key) {
        JsonNode node = json.path(key);
        if (node.isMissingNode()) {
            return 0;
        }
        if (!node.isInt()) {
            throw invalid(key + " must be an integer, got " + node);
        }
        return node.asInt();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid VLA config: " + message);
    }
}
