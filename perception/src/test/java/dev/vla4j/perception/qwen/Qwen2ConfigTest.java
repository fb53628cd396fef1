package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qwen2ConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** FastVLM-0.5B's config.json keys (LLaVA fields on top of Qwen2's), as the spec lists them. */
    private static ObjectNode fastVlmConfig() {
        ObjectNode node = JSON.createObjectNode();
        node.put("model_type", "llava_qwen2").put("hidden_size", 896).put("intermediate_size", 4864)
                .put("num_hidden_layers", 24).put("num_attention_heads", 14).put("num_key_value_heads", 2)
                .put("hidden_act", "silu").put("rms_norm_eps", 1e-6).put("rope_theta", 1_000_000.0)
                .put("max_position_embeddings", 32768).put("sliding_window", 32768).put("use_sliding_window", false)
                .put("vocab_size", 151936).put("tie_word_embeddings", true).put("mm_hidden_size", 3072)
                .put("mm_projector_type", "mlp2x_gelu").put("torch_dtype", "bfloat16");
        return node;
    }

    @Test
    void readsAnHfConfigFileIgnoringOtherKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, JSON.writeValueAsString(fastVlmConfig()));
        Qwen2Config config = Qwen2Config.fromJson(file);
        assertEquals(Qwen2Config.qwen25_0_5b(), config);
        assertEquals(64, config.headDim());
        assertEquals(7, config.queriesPerKeyValue());
        assertEquals(128, config.keyValueDim());
    }

    @Test
    void readsANestedTextConfig() {
        ObjectNode outer = JSON.createObjectNode();
        outer.set("text_config", fastVlmConfig());
        assertEquals(Qwen2Config.qwen25_0_5b(), Qwen2Config.fromJson(outer));
    }

    @Test
    void missingKvHeadsMeansMultiHeadAttention() {
        ObjectNode node = fastVlmConfig();
        node.remove("num_key_value_heads");
        assertEquals(14, Qwen2Config.fromJson(node).numKeyValueHeads());
    }

    @Test
    void invalidConfigsAreRefusedByName() {
        expectInvalid(with("num_attention_heads", 13), "does not divide hidden_size");
        expectInvalid(with("num_key_value_heads", 4), "does not divide num_attention_heads");
        expectInvalid(with("hidden_size", 0), "hidden_size must be positive");
        expectInvalid(with("num_hidden_layers", -1), "num_hidden_layers must be positive");
        expectInvalid(with("vocab_size", 1.5), "'vocab_size' must be an integer");
        expectInvalid(with("rope_theta", -1.0), "rope_theta must be positive");
        expectInvalid(with("rms_norm_eps", 0.0), "rms_norm_eps must be positive");
        expectInvalid(with("hidden_act", "gelu"), "hidden_act 'gelu'");
        ObjectNode sliding = fastVlmConfig().put("use_sliding_window", true);
        expectInvalid(sliding, "use_sliding_window");
        ObjectNode scaled = fastVlmConfig();
        scaled.putObject("rope_scaling").put("type", "yarn");
        expectInvalid(scaled, "rope_scaling");
        ObjectNode missing = fastVlmConfig();
        missing.remove("intermediate_size");
        expectInvalid(missing, "lacks 'intermediate_size'");
        // head_dim 3 (odd) cannot be rotated in halves
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> new Qwen2Config(10, 6, 8, 1, 2, 1, 1e4, 1e-6, true, 16));
        assertTrue(odd.getMessage().contains("head_dim 3 is odd"), odd.getMessage());
    }

    private static JsonNode with(String key, Object value) {
        ObjectNode node = fastVlmConfig();
        node.set(key, JSON.valueToTree(value));
        return node;
    }

    private static void expectInvalid(JsonNode node, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Qwen2Config.fromJson(node));
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
