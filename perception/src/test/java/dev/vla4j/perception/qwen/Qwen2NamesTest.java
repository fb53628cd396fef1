package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.io.NameCheck;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full-size name table and parameter count, computed from the config without allocating anything. */
class Qwen2NamesTest {

    @Test
    void fullSizeNamesAndShapesEqualTheUpstreamStateDict() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(Golden.file("qwen2_0.5b_names.json").toFile());
        Qwen2Config config = Qwen2Config.fromJson(golden.get("config"));
        assertEquals(Qwen2Config.qwen25_0_5b(), config);
        Map<String, Shape> upstream = new LinkedHashMap<>();
        for (JsonNode tensor : golden.get("tensors")) {
            long[] dims = new long[tensor.get("shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = tensor.get("shape").get(i).asLong();
            }
            upstream.put(tensor.get("name").asText(), new Shape(dims));
        }
        Map<String, Shape> ours = Qwen2Model.expectedTensors(config);
        NameCheck check = NameCheck.compare(ours, upstream);
        assertTrue(check.clean(), check.describe(20));
        assertEquals(List.copyOf(upstream.keySet()), List.copyOf(ours.keySet()), "upstream order");
        assertEquals(291, ours.size());
    }

    @Test
    void uniqueParameterCountCountsTheTiedHeadOnce() {
        Qwen2Config config = Qwen2Config.qwen25_0_5b();
        assertEquals(494_032_768L, Qwen2Names.parameterCount(config));
        assertFalse(Qwen2Names.requiredTensors(config).containsKey(Qwen2Names.LM_HEAD));
        assertEquals(290, Qwen2Names.requiredTensors(config).size());
    }

    @Test
    void anUntiedHeadIsRequiredAndCounted() {
        Qwen2Config tied = Qwen2Config.qwen25_0_5b();
        Qwen2Config untied = new Qwen2Config(tied.vocabSize(), tied.hiddenSize(), tied.intermediateSize(),
                tied.numHiddenLayers(), tied.numAttentionHeads(), tied.numKeyValueHeads(), tied.ropeTheta(),
                tied.rmsNormEps(), false, tied.maxPositionEmbeddings());
        assertTrue(Qwen2Names.requiredTensors(untied).containsKey(Qwen2Names.LM_HEAD));
        assertEquals(494_032_768L + 151_936L * 896, Qwen2Names.parameterCount(untied));
    }
}
