package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.perception.vision.FastVitHdConfig.TokenMixer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config reads upstream's keyword arguments and refuses inconsistent values with a clear message. */
class FastVitHdConfigTest {
    private static final String TINY_JSON = "{\"layers\": [2, 2, 2, 2, 1], \"embed_dims\": [8, 16, 32, 64, 128], "
            + "\"mlp_ratios\": [4, 4, 4, 4, 4], \"downsamples\": [true, true, true, true, true], "
            + "\"token_mixers\": [\"repmixer\", \"repmixer\", \"repmixer\", \"attention\", \"attention\"], "
            + "\"projection_dim\": 32}";

    @Test
    void theGoldenJsonGivesTheTinyPreset() {
        assertEquals(FastVitHdConfig.tiny(), FastVitHdConfig.fromJson(TINY_JSON));
    }

    @Test
    void defaultsFollowFastVitHd() {
        FastVitHdConfig config = FastVitHdConfig.fromJson(TINY_JSON.replace(", \"projection_dim\": 32", ""));
        assertEquals(768, config.projectionDim());
        assertEquals(32, config.headDim());
        assertEquals(List.of(false, false, false, true, true), config.repCpe());
        assertEquals(256, config.outputChannels());
    }

    @Test
    void fastVlmTowerNameSelectsTheFullEncoder() {
        assertEquals(FastVitHdConfig.fastVitHd(), FastVitHdConfig.forVisionTower("mobileclip_l_1024"));
        assertMessage(() -> FastVitHdConfig.forVisionTower("clip-vit-large"), "unsupported vision tower");
    }

    @Test
    void inconsistentConfigsAreRefused() {
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("[8, 16, 32, 64, 128]", "[8, 16, 32, 64]")),
                "embed_dims has 4 entries but layers has 5");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("[8, 16, 32, 64, 128]", "[8, 16, 32, 48, 128]")),
                "not a multiple of head_dim 32");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("[2, 2, 2, 2, 1]", "[2, 2, 0, 2, 1]")),
                "layers[2] must be positive");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("\"attention\", \"attention\"",
                "\"attention\", \"conv\"")), "unknown token mixer 'conv'");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("\"layers\": [2, 2, 2, 2, 1]", "\"layers\": 5")),
                "'layers' must be a list");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("[4, 4, 4, 4, 4]", "[4, 4, 0, 4, 4]")),
                "mlp_ratios[2]");
        assertMessage(() -> FastVitHdConfig.fromJson(TINY_JSON.replace("[2, 2, 2, 2, 1]", "[2, 2.5, 2, 2, 1]")),
                "expected an integer");
        assertMessage(() -> FastVitHdConfig.tiny().withProjectionDim(0), "projection_dim must be positive");
        assertMessage(() -> new FastVitHdConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                32, 32, 2.0, 3), "layers is empty");
        assertMessage(() -> new FastVitHdConfig(List.of(1), List.of(32), List.of(4.0), List.of(true),
                List.of(TokenMixer.ATTENTION), List.of(true), 32, 32, 1.5, 3), "cls_ratio 1.5");
        assertMessage(() -> FastVitHdConfig.fromJson("{\"layers\": "), "not valid JSON");
    }

    private static void assertMessage(Runnable build, String fragment) {
        RuntimeException e = assertThrows(RuntimeException.class, build::run);
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
}
