package dev.vla4j.perception.fastvlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.perception.qwen.Qwen2Config;
import dev.vla4j.perception.vision.FastVitHdConfig;
import dev.vla4j.perception.vision.ImagePreprocessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A FastVLM ({@code model_type "llava_qwen2"}): FastViTHD → {@code mlp2x_gelu} projector → Qwen2.
 *
 * <p>Read from the released {@code config.json} (specs/fastvlm.md §7): the LM keys at the top level, the vision
 * tower by name ({@code mm_vision_tower "mobileclip_l_1024"} gives FastViTHD at 1024²). vla4j's own small models add
 * {@code vision_config} (FastViTHD keyword arguments) and {@code image_size}, which take precedence over the name.
 *
 * @param visionTower the upstream tower name, kept for the record ({@code mobileclip_l_1024}, or {@code custom})
 * @param imageSize the square input side after preprocessing
 * @param maxSequenceLength longest spliced sequence (text + image tokens), {@code tokenizer_model_max_length}
 */
public record FastVlmConfig(Qwen2Config text, FastVitHdConfig vision, String visionTower, int imageSize,
                            int maxSequenceLength) {
    public static final String MODEL_TYPE = "llava_qwen2";
    public static final String PROJECTOR_TYPE = "mlp2x_gelu";
    private static final int RELEASED_MAX_SEQUENCE = 8192;

    public FastVlmConfig {
        if (text == null || vision == null || visionTower == null || visionTower.isBlank()) {
            throw invalid("text config, vision config and vision tower name are required");
        }
        int stride = 1 << vision.halvings();
        if (imageSize < stride || imageSize % stride != 0) {
            throw invalid("image_size " + imageSize + " must be a positive multiple of the encoder's stride " + stride);
        }
        if (maxSequenceLength <= imageTokens(vision, imageSize)) {
            throw invalid("tokenizer_model_max_length " + maxSequenceLength + " leaves no room for text after "
                    + imageTokens(vision, imageSize) + " image tokens");
        }
        if (maxSequenceLength > text.maxPositionEmbeddings()) {
            throw invalid("tokenizer_model_max_length " + maxSequenceLength + " exceeds max_position_embeddings "
                    + text.maxPositionEmbeddings());
        }
    }

    /** The released apple/FastVLM-0.5B: FastViTHD at 1024² (256 image tokens) into Qwen2.5-0.5B. */
    public static FastVlmConfig fastVlm05b() {
        return new FastVlmConfig(Qwen2Config.qwen25_0_5b(), FastVitHdConfig.fastVitHd(), "mobileclip_l_1024", 1024,
                RELEASED_MAX_SEQUENCE);
    }

    /** The golden-sized parts joined: tiny FastViTHD at 128² (4 image tokens) into the tiny Qwen2. */
    public static FastVlmConfig tiny() {
        return new FastVlmConfig(Qwen2Config.tiny(), FastVitHdConfig.tiny(), "custom", 128, 128);
    }

    public static FastVlmConfig fromJson(Path configJson) {
        try {
            return fromJson(new ObjectMapper().readTree(configJson.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FastVLM config " + configJson, e);
        }
    }

    public static FastVlmConfig fromJson(JsonNode json) {
        String modelType = json.path("model_type").asText("");
        if (!modelType.equals(MODEL_TYPE)) {
            throw invalid("model_type is '" + modelType + "', expected '" + MODEL_TYPE + "'");
        }
        String projector = json.path("mm_projector_type").asText(PROJECTOR_TYPE);
        if (!projector.equals(PROJECTOR_TYPE)) {
            throw invalid("mm_projector_type '" + projector + "' is not supported (only " + PROJECTOR_TYPE + ")");
        }
        String tower = json.path("mm_vision_tower").asText("custom");
        FastVitHdConfig vision = json.has("vision_config")
                ? FastVitHdConfig.fromJson(json.get("vision_config")) : FastVitHdConfig.forVisionTower(tower);
        int imageSize = json.has("image_size") ? json.get("image_size").asInt()
                : ImagePreprocessor.forVisionTower(tower).size();
        FastVlmConfig config = new FastVlmConfig(Qwen2Config.fromJson(json), vision, tower, imageSize,
                json.path("tokenizer_model_max_length").asInt(RELEASED_MAX_SEQUENCE));
        if (json.has("mm_hidden_size") && json.get("mm_hidden_size").asInt() != vision.outputChannels()) {
            throw invalid("mm_hidden_size " + json.get("mm_hidden_size") + " differs from the vision tower's "
                    + vision.outputChannels() + " output channels");
        }
        return config;
    }

    /** The released keys plus vla4j's {@code vision_config} and {@code image_size}; reads back equal. */
    public ObjectNode toJson() {
        ObjectNode json = text.toJson();
        json.put("model_type", MODEL_TYPE)
                .put("mm_vision_tower", visionTower)
                .put("mm_hidden_size", vision.outputChannels())
                .put("mm_projector_type", PROJECTOR_TYPE)
                .put("mm_patch_merge_type", "flat")
                .put("image_aspect_ratio", "pad")
                .put("tokenizer_model_max_length", maxSequenceLength)
                .put("image_size", imageSize);
        json.set("vision_config", vision.toJson());
        return json;
    }

    /** Image tokens one image becomes (FastVLM-0.5B: 16×16 = 256). */
    public int imageTokens() {
        return imageTokens(vision, imageSize);
    }

    private static int imageTokens(FastVitHdConfig vision, int imageSize) {
        int side = vision.gridSide(imageSize);
        return side * side;
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid FastVLM config: " + message);
    }
}
