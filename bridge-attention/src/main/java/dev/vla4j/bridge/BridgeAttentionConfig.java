package dev.vla4j.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sizes of the VLA-Adapter policy head, validated on construction: the proprio projector and the Bridge Attention
 * blocks that read the VLM's per-layer ActionQuery and image-token states (upstream: {@code
 * prismatic/models/action_heads.py} and {@code prismatic/models/projectors.py} in the VLA-Adapter repository;
 * the README's "The model core" section lists what the golden tests pin down).
 *
 * @param hiddenDim        D, the width of the action latent and of every block (896 for Qwen2.5-0.5B)
 * @param inputDim         width of the VLM hidden states; upstream requires it to equal {@code hiddenDim}
 * @param numBlocks        Bridge Attention blocks; block i reads VLM hidden-state index i+1
 * @param numHeads         attention heads (upstream hard-codes 8)
 * @param actionChunk      actions predicted per call (8 for LIBERO)
 * @param actionDim        numbers per action (7 for LIBERO)
 * @param proprioDim       numbers in the proprio vector (8 for LIBERO)
 * @param numActionQueries ActionQuery tokens read from each hidden state (64 upstream)
 * @param rawTokens        raw ("task") tokens read from each hidden state: 256 per camera image
 * @param pro              the Pro block (separate K/V per source, RoPE) rather than the original (v1) block
 * @param proprioInLatent  a vla4j option, off upstream: the proprio token is also added to every row of the initial
 *                         latent, so the blocks' feed-forward layers read the state directly instead of only through
 *                         one attention key among the action queries
 */
public record BridgeAttentionConfig(int hiddenDim, int inputDim, int numBlocks, int numHeads, int actionChunk,
                                    int actionDim, int proprioDim, int numActionQueries, int rawTokens, boolean pro,
                                    boolean proprioInLatent) {
    /** Patch tokens per camera image: 224/14 squared for the DINOv2/SigLIP towers, 1024/64 squared for FastViTHD. */
    public static final int TOKENS_PER_IMAGE = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    public BridgeAttentionConfig {
        positive("hidden_dim", hiddenDim);
        positive("input_dim", inputDim);
        positive("num_blocks", numBlocks);
        positive("num_heads", numHeads);
        positive("num_actions_chunk", actionChunk);
        positive("action_dim", actionDim);
        positive("proprio_dim", proprioDim);
        positive("num_action_queries", numActionQueries);
        positive("num_task_tokens", rawTokens);
        if (inputDim != hiddenDim) {
            throw new IllegalArgumentException("input_dim (" + inputDim + ") must equal hidden_dim (" + hiddenDim
                    + "): the head projects the VLM hidden states with hidden_dim x hidden_dim weights");
        }
        if (hiddenDim % numHeads != 0) {
            throw new IllegalArgumentException("hidden_dim (" + hiddenDim + ") must be divisible by num_heads ("
                    + numHeads + ")");
        }
        if (pro && (hiddenDim / numHeads) % 2 != 0) {
            throw new IllegalArgumentException("the Pro block's RoPE needs an even head dim, got hidden_dim/num_heads = "
                    + hiddenDim / numHeads);
        }
    }

    /** An upstream head: {@link #proprioInLatent} off. */
    public BridgeAttentionConfig(int hiddenDim, int inputDim, int numBlocks, int numHeads, int actionChunk,
                                 int actionDim, int proprioDim, int numActionQueries, int rawTokens, boolean pro) {
        this(hiddenDim, inputDim, numBlocks, numHeads, actionChunk, actionDim, proprioDim, numActionQueries, rawTokens,
                pro, false);
    }

    /** This config with {@link #proprioInLatent} on or off. */
    public BridgeAttentionConfig withProprioInLatent(boolean on) {
        return new BridgeAttentionConfig(hiddenDim, inputDim, numBlocks, numHeads, actionChunk, actionDim, proprioDim,
                numActionQueries, rawTokens, pro, on);
    }

    /** This config with another {@link #proprioDim}. */
    public BridgeAttentionConfig withProprioDim(int dim) {
        return new BridgeAttentionConfig(hiddenDim, inputDim, numBlocks, numHeads, actionChunk, actionDim, dim,
                numActionQueries, rawTokens, pro, proprioInLatent);
    }

    /** The golden-test size: D=64, 3 blocks, 8 heads, 8 action queries, 16 raw tokens, chunk 8 × 7, proprio 8. */
    public static BridgeAttentionConfig tiny(boolean pro) {
        return new BridgeAttentionConfig(64, 64, 3, 8, 8, 7, 8, 8, 16, pro);
    }

    /** The released LIBERO size: D=896, 24 blocks, 8 heads, 64 action queries, two cameras (512 raw tokens). */
    public static BridgeAttentionConfig fullSize(boolean pro) {
        return forCameras(2, pro);
    }

    /** The full-size head for {@code cameras} images of {@link #TOKENS_PER_IMAGE} tokens each. */
    public static BridgeAttentionConfig forCameras(int cameras, boolean pro) {
        return forCameras(cameras, TOKENS_PER_IMAGE, pro);
    }

    /** The full-size head for {@code cameras} images of {@code tokensPerImage} vision tokens each. */
    public static BridgeAttentionConfig forCameras(int cameras, int tokensPerImage, boolean pro) {
        positive("cameras", cameras);
        positive("tokens per image", tokensPerImage);
        return new BridgeAttentionConfig(896, 896, 24, 8, 8, 7, 8, 64, Math.multiplyExact(cameras, tokensPerImage), pro);
    }

    /** Head width: {@code hiddenDim / numHeads}. */
    public int headDim() {
        return hiddenDim / numHeads;
    }

    /** Hidden states the head reads per call: the embeddings (never read) plus one per block. */
    public int hiddenStateLayers() {
        return numBlocks + 1;
    }

    /** Tokens per hidden state: the raw tokens, then the action-query tokens. */
    public int hiddenStateTokens() {
        return rawTokens + numActionQueries;
    }

    /** Keys of the adapter branch: the action queries plus the one proprio token. */
    public int adapterTokens() {
        return numActionQueries + 1;
    }

    /** Width of the initial latent row, {@code inputDim · actionDim} (6272 at full size). */
    public int latentInputDim() {
        return inputDim * actionDim;
    }

    /**
     * Reads the keys written by {@link #toJson()}. Instead of {@code num_task_tokens} a config may give
     * {@code num_images} (and optionally {@code tokens_per_image}, default 256), from which the raw-token count
     * is derived; {@code num_heads} defaults to 8 and {@code proprio_in_latent} to false.
     */
    public static BridgeAttentionConfig fromJson(JsonNode json) {
        int rawTokens;
        if (json.has("num_task_tokens") == json.has("num_images")) {
            throw new IllegalArgumentException("give exactly one of num_task_tokens and num_images, got " + json);
        } else if (json.has("num_images")) {
            rawTokens = Math.multiplyExact(number(json, "num_images"),
                    json.has("tokens_per_image") ? number(json, "tokens_per_image") : TOKENS_PER_IMAGE);
        } else {
            rawTokens = number(json, "num_task_tokens");
        }
        JsonNode pro = json.get("use_pro_version");
        if (pro == null || !pro.isBoolean()) {
            throw new IllegalArgumentException("config key 'use_pro_version' must be true or false, got " + pro);
        }
        JsonNode proprioInLatent = json.path("proprio_in_latent");
        if (!proprioInLatent.isMissingNode() && !proprioInLatent.isBoolean()) {
            throw new IllegalArgumentException("config key 'proprio_in_latent' must be true or false, got "
                    + proprioInLatent);
        }
        return new BridgeAttentionConfig(number(json, "hidden_dim"), number(json, "input_dim"),
                number(json, "num_blocks"), json.has("num_heads") ? number(json, "num_heads") : 8,
                number(json, "num_actions_chunk"), number(json, "action_dim"), number(json, "proprio_dim"),
                number(json, "num_action_queries"), rawTokens, pro.booleanValue(), proprioInLatent.asBoolean(false));
    }

    /** Reads a JSON config file (see {@link #fromJson(JsonNode)}). */
    public static BridgeAttentionConfig fromJson(Path file) {
        try {
            return fromJson(JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read head config " + file, e);
        }
    }

    /** The config as JSON, with upstream-style keys. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("hidden_dim", hiddenDim);
        json.put("input_dim", inputDim);
        json.put("num_blocks", numBlocks);
        json.put("num_heads", numHeads);
        json.put("num_actions_chunk", actionChunk);
        json.put("action_dim", actionDim);
        json.put("proprio_dim", proprioDim);
        json.put("num_action_queries", numActionQueries);
        json.put("num_task_tokens", rawTokens);
        json.put("use_pro_version", pro);
        if (proprioInLatent) {
            json.put("proprio_in_latent", true);
        }
        return json;
    }

    private static int number(JsonNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null) {
            throw new IllegalArgumentException("config key '" + key + "' is missing");
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("config key '" + key + "' must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
