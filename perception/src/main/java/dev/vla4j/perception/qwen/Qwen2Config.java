package dev.vla4j.perception.qwen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The dimensions of a Qwen2 decoder (HF {@code Qwen2Config}), validated on construction.
 *
 * <p>Read from an HF {@code config.json} with {@link #fromJson}; only the keys the decoder needs are read, so
 * LLaVA/FastVLM and VLA-Adapter configs (which add many keys, or nest the LLM under {@code text_config}) load too.
 *
 * @param maxPositionEmbeddings the largest position id plus one; the decoder refuses positions at or beyond it
 */
public record Qwen2Config(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
                          int numAttentionHeads, int numKeyValueHeads, double ropeTheta, double rmsNormEps,
                          boolean tieWordEmbeddings, int maxPositionEmbeddings) {

    /** HF's defaults for keys a config.json may leave out. */
    private static final double DEFAULT_ROPE_THETA = 10_000.0;
    private static final double DEFAULT_RMS_NORM_EPS = 1e-6;
    private static final int DEFAULT_MAX_POSITIONS = 32_768;

    public Qwen2Config {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw invalid("num_attention_heads " + numAttentionHeads + " does not divide hidden_size " + hiddenSize);
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw invalid("num_key_value_heads " + numKeyValueHeads + " does not divide num_attention_heads "
                    + numAttentionHeads);
        }
        if ((hiddenSize / numAttentionHeads) % 2 != 0) {
            throw invalid("head_dim " + hiddenSize / numAttentionHeads + " is odd; rotary embeddings need it even");
        }
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
            throw invalid("rope_theta must be positive and finite, got " + ropeTheta);
        }
        if (!(rmsNormEps > 0) || Double.isInfinite(rmsNormEps)) {
            throw invalid("rms_norm_eps must be positive and finite, got " + rmsNormEps);
        }
    }

    /** The golden-test decoder: vocab 512, hidden 64, 2 layers, 4 query / 2 KV heads, θ 1e6, tied head. */
    public static Qwen2Config tiny() {
        return new Qwen2Config(512, 64, 128, 2, 4, 2, 1_000_000.0, 1e-6, true, 128);
    }

    /** Qwen2.5-0.5B (also FastVLM-0.5B's LLM): 24 layers, hidden 896, 14/2 heads, SwiGLU 4864, tied head. */
    public static Qwen2Config qwen25_0_5b() {
        return new Qwen2Config(151_936, 896, 4864, 24, 14, 2, 1_000_000.0, 1e-6, true, 32_768);
    }

    /** Reads an HF {@code config.json} file. */
    public static Qwen2Config fromJson(Path configJson) {
        try {
            return fromJson(new ObjectMapper().readTree(configJson.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Qwen2 config " + configJson, e);
        }
    }

    /**
     * Reads the decoder keys of an HF config object (or of its {@code text_config} when the top level has no
     * {@code hidden_size}). Missing {@code num_key_value_heads} means plain multi-head attention; missing
     * {@code rope_theta}, {@code rms_norm_eps}, {@code max_position_embeddings} and {@code tie_word_embeddings}
     * take HF's Qwen2 defaults. Features this decoder does not implement are refused by name.
     */
    public static Qwen2Config fromJson(JsonNode root) {
        JsonNode node = !root.has("hidden_size") && root.has("text_config") ? root.get("text_config") : root;
        String act = node.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw invalid("hidden_act '" + act + "' is not supported (Qwen2 uses silu)");
        }
        if (node.path("use_sliding_window").asBoolean(false)) {
            throw invalid("use_sliding_window=true is not supported");
        }
        if (node.hasNonNull("rope_scaling")) {
            throw invalid("rope_scaling " + node.get("rope_scaling") + " is not supported");
        }
        int heads = required(node, "num_attention_heads");
        return new Qwen2Config(
                required(node, "vocab_size"),
                required(node, "hidden_size"),
                required(node, "intermediate_size"),
                required(node, "num_hidden_layers"),
                heads,
                node.has("num_key_value_heads") ? required(node, "num_key_value_heads") : heads,
                node.path("rope_theta").asDouble(DEFAULT_ROPE_THETA),
                node.path("rms_norm_eps").asDouble(DEFAULT_RMS_NORM_EPS),
                node.path("tie_word_embeddings").asBoolean(false),
                node.has("max_position_embeddings") ? required(node, "max_position_embeddings")
                        : DEFAULT_MAX_POSITIONS);
    }

    /** The HF keys {@link #fromJson(JsonNode)} reads, so that a written config reads back equal. */
    public ObjectNode toJson() {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("vocab_size", vocabSize)
                .put("hidden_size", hiddenSize)
                .put("intermediate_size", intermediateSize)
                .put("num_hidden_layers", numHiddenLayers)
                .put("num_attention_heads", numAttentionHeads)
                .put("num_key_value_heads", numKeyValueHeads)
                .put("hidden_act", "silu")
                .put("rope_theta", ropeTheta)
                .put("rms_norm_eps", rmsNormEps)
                .put("tie_word_embeddings", tieWordEmbeddings)
                .put("max_position_embeddings", maxPositionEmbeddings)
                .put("use_sliding_window", false);
        return json;
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Query heads per key/value head (GQA group size). */
    public int queriesPerKeyValue() {
        return numAttentionHeads / numKeyValueHeads;
    }

    public int keyValueDim() {
        return numKeyValueHeads * headDim();
    }

    private static int required(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw invalid("config.json lacks '" + key + "'");
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid("'" + key + "' must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw invalid(key + " must be positive, got " + value);
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid Qwen2 config: " + message);
    }
}
