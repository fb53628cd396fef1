package dev.vla4j.perception.fastvlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FastVlmConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The keys of apple/FastVLM-0.5B's config.json that matter (specs/fastvlm.md §7), plus some it ignores. */
    private static final String RELEASED = """
            {"architectures": ["LlavaQwen2ForCausalLM"], "model_type": "llava_qwen2", "hidden_size": 896,
             "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2,
             "hidden_act": "silu", "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "max_position_embeddings": 32768,
             "sliding_window": 32768, "use_sliding_window": false, "vocab_size": 151936, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16", "mm_vision_tower": "mobileclip_l_1024", "mm_hidden_size": 3072,
             "mm_projector_type": "mlp2x_gelu", "mm_vision_select_layer": -2, "mm_patch_merge_type": "flat",
             "image_aspect_ratio": "pad", "tokenizer_model_max_length": 8192, "use_mm_proj": true}""";

    @Test
    void theReleasedConfigReadsAsFastVlm05b() throws Exception {
        assertEquals(FastVlmConfig.fastVlm05b(), FastVlmConfig.fromJson(JSON.readTree(RELEASED)));
    }

    @Test
    void writtenConfigsReadBackEqual() {
        for (FastVlmConfig config : new FastVlmConfig[] {FastVlmConfig.tiny(), FastVlmConfig.fastVlm05b()}) {
            assertEquals(config, FastVlmConfig.fromJson(config.toJson()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "model_type|\"llava_llama\"|model_type is 'llava_llama'",
        "mm_projector_type|\"linear\"|mm_projector_type 'linear' is not supported",
        "mm_hidden_size|1024|mm_hidden_size 1024 differs",
        "image_size|1000|must be a positive multiple of the encoder's stride 64",
        "tokenizer_model_max_length|100000|exceeds max_position_embeddings",
        "tokenizer_model_max_length|200|leaves no room for text",
        "mm_vision_tower|\"siglip\"|unsupported vision tower 'siglip'",
    })
    void invalidValuesAreRefusedByName(String key, String value, String message) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(RELEASED);
        json.set(key, JSON.readTree(value));
        if (key.equals("tokenizer_model_max_length") && value.equals("200")) {
            json.put("image_size", 1024).put("tokenizer_model_max_length", 256);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastVlmConfig.fromJson(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aCustomVisionConfigWinsOverTheTowerName() {
        JsonNode json = FastVlmConfig.tiny().toJson();
        FastVlmConfig config = FastVlmConfig.fromJson(json);
        assertEquals(4, config.imageTokens());
        assertEquals(256, config.vision().outputChannels());
    }
}
