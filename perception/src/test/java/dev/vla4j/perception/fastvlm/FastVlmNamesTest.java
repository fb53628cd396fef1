package dev.vla4j.perception.fastvlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.io.NameCheck;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full-size FastVLM-0.5B built from its config has the released checkpoint's 924 names and shapes. */
class FastVlmNamesTest {

    @Test
    void theReleasedLayoutIsQwenPlusFastVitHdPlusTheProjector() throws IOException {
        Map<String, Shape> released = new LinkedHashMap<>();
        released.putAll(namesOf("qwen2_0.5b_names.json"));
        released.putAll(namesOf("fastvithd_full_names.json"));
        FastVlmConfig config = FastVlmConfig.fastVlm05b();
        int hidden = config.text().hiddenSize();
        released.put("model.mm_projector.0.weight", new Shape(hidden, config.vision().outputChannels()));
        released.put("model.mm_projector.0.bias", new Shape(hidden));
        released.put("model.mm_projector.2.weight", new Shape(hidden, hidden));
        released.put("model.mm_projector.2.bias", new Shape(hidden));

        Map<String, Shape> ours = FastVlm.expectedTensors(config);
        NameCheck check = NameCheck.compare(ours, released);
        assertTrue(check.clean(), check.describe(20));
        assertEquals(924, ours.size(), "specs/fastvlm.md §7 counts 924 tensors");
        assertEquals(new Shape(896, 3072), ours.get("model.mm_projector.0.weight"));
        assertEquals(256, config.imageTokens(), "1024² through a /64 encoder");
    }

    private static Map<String, Shape> namesOf(String file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Golden.file(file).toFile());
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (JsonNode tensor : root.get("tensors")) {
            long[] dims = new long[tensor.get("shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = tensor.get("shape").get(i).asLong();
            }
            shapes.put(tensor.get("name").asText(), new Shape(dims));
        }
        return shapes;
    }
}
