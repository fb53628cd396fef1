package dev.vla4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The head config: presets, the camera-derived raw-token count, JSON, and clear refusals of bad values. */
class BridgeAttentionConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fullSizeIsTheReleasedLiberoHeadWithTwoCameras() {
        BridgeAttentionConfig full = BridgeAttentionConfig.fullSize(true);
        assertEquals(new BridgeAttentionConfig(896, 896, 24, 8, 8, 7, 8, 64, 512, true), full);
        assertEquals(112, full.headDim());
        assertEquals(25, full.hiddenStateLayers());
        assertEquals(576, full.hiddenStateTokens());
        assertEquals(65, full.adapterTokens());
        assertEquals(6272, full.latentInputDim());
    }

    @Test
    void rawTokenCountFollowsTheCameras() {
        assertEquals(256, BridgeAttentionConfig.forCameras(1, false).rawTokens());
        assertEquals(768, BridgeAttentionConfig.forCameras(3, true).rawTokens());
        assertEquals(3 * 64, BridgeAttentionConfig.forCameras(3, 64, true).rawTokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BridgeAttentionConfig.forCameras(0, true));
        assertTrue(e.getMessage().contains("cameras"), e.getMessage());
    }

    @Test
    void jsonRoundTripsAndDerivesRawTokensFromImages(@TempDir Path dir) throws IOException {
        BridgeAttentionConfig tiny = BridgeAttentionConfig.tiny(true);
        Path file = dir.resolve("config.json");
        Files.writeString(file, tiny.toJson().toString());
        assertEquals(tiny, BridgeAttentionConfig.fromJson(file));

        ObjectNode byImages = BridgeAttentionConfig.fullSize(false).toJson();
        byImages.remove("num_task_tokens");
        byImages.put("num_images", 1);
        assertEquals(BridgeAttentionConfig.forCameras(1, false), BridgeAttentionConfig.fromJson(byImages));
        byImages.put("tokens_per_image", 16);
        assertEquals(16, BridgeAttentionConfig.fromJson(byImages).rawTokens());
    }

    @Test
    void proprioInLatentIsWrittenOnlyWhenOnAndReadBack() {
        BridgeAttentionConfig upstream = BridgeAttentionConfig.tiny(true);
        assertTrue(!upstream.proprioInLatent() && !upstream.toJson().has("proprio_in_latent"),
                "upstream configs keep upstream's keys");
        BridgeAttentionConfig on = upstream.withProprioInLatent(true);
        assertEquals(on, BridgeAttentionConfig.fromJson(on.toJson()));
        ObjectNode wrong = on.toJson();
        wrong.put("proprio_in_latent", "yes");
        assertMessage(wrong, "'proprio_in_latent' must be true or false");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "hidden_dim, 0, hidden_dim must be positive",
        "num_blocks, -1, num_blocks must be positive",
        "num_heads, 0, num_heads must be positive",
        "num_actions_chunk, 0, num_actions_chunk must be positive",
        "action_dim, 0, action_dim must be positive",
        "proprio_dim, 0, proprio_dim must be positive",
        "num_action_queries, 0, num_action_queries must be positive",
        "num_task_tokens, 0, num_task_tokens must be positive",
        "input_dim, 128, input_dim (128) must equal hidden_dim (64)",
        "num_heads, 3, hidden_dim (64) must be divisible by num_heads (3)",
        "num_heads, 64, the Pro block's RoPE needs an even head dim",
    })
    void invalidValuesAreRefusedByName(String key, int value, String message) {
        ObjectNode json = BridgeAttentionConfig.tiny(true).toJson();
        json.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BridgeAttentionConfig.fromJson(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void v1AcceptsAnOddHeadDim() {
        assertEquals(1, new BridgeAttentionConfig(64, 64, 3, 64, 8, 7, 8, 8, 16, false).headDim());
    }

    @Test
    void malformedJsonIsRefusedByKey() throws IOException {
        ObjectNode missing = BridgeAttentionConfig.tiny(true).toJson();
        missing.remove("action_dim");
        assertMessage(missing, "config key 'action_dim' is missing");

        ObjectNode fractional = BridgeAttentionConfig.tiny(true).toJson();
        fractional.put("hidden_dim", 64.5);
        assertMessage(fractional, "config key 'hidden_dim' must be an integer");

        ObjectNode both = BridgeAttentionConfig.tiny(true).toJson();
        both.put("num_images", 2);
        assertMessage(both, "exactly one of num_task_tokens and num_images");

        ObjectNode noVariant = BridgeAttentionConfig.tiny(true).toJson();
        noVariant.put("use_pro_version", "yes");
        assertMessage(noVariant, "'use_pro_version' must be true or false");

        assertEquals(8, BridgeAttentionConfig.fromJson(JSON.readTree(
                BridgeAttentionConfig.tiny(false).toJson().without("num_heads").toString())).numHeads());
    }

    private static void assertMessage(ObjectNode json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BridgeAttentionConfig.fromJson(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
