package dev.vla4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full-size heads built from the full-size config have exactly the tensors, in state-dict order, and the
 * parameter counts of upstream's real constructors ({@code bridge_attention_fullsize_names.json}).
 */
class FullSizeNamesTest {
    private static JsonNode names;

    @BeforeAll
    static void readNames() throws IOException {
        names = new ObjectMapper().readTree(Golden.file("bridge_attention_fullsize_names.json").toFile());
    }

    @Test
    void proHeadMatchesUpstreamIncludingTheDeadFilmGen() {
        Map<String, Shape> expected = ActionHead.expectedTensors(BridgeAttentionConfig.fullSize(true));
        assertMatches(names.get("pro"), expected);
        assertTrue(expected.containsKey("model.mlp_resnet_blocks.23.film_gen.0.weight"));
        assertEquals(217_864_223L, HeadWeights.parameterCount(expected), "README §1 Pro count");
    }

    @Test
    void v1HeadMatchesUpstream() {
        Map<String, Shape> expected = ActionHead.expectedTensors(BridgeAttentionConfig.fullSize(false));
        assertMatches(names.get("v1"), expected);
        assertEquals(102_129_695L, HeadWeights.parameterCount(expected), "README §1 v1 count");
    }

    @Test
    void proprioProjectorMatchesUpstream() {
        Map<String, Shape> expected = ProprioProjector.expectedTensors(BridgeAttentionConfig.fullSize(true));
        assertMatches(names.get("proprio_projector"), expected);
        assertEquals(811_776L, HeadWeights.parameterCount(expected), "README §1 projector count");
    }

    private static void assertMatches(JsonNode reference, Map<String, Shape> expected) {
        List<String> want = new ArrayList<>();
        StreamSupport.stream(reference.get("tensors").spliterator(), false).forEach(t -> want.add(t.get("name").asText()
                + " " + new Shape(StreamSupport.stream(t.get("shape").spliterator(), false).mapToLong(JsonNode::asLong).toArray())));
        List<String> have = new ArrayList<>();
        expected.forEach((name, shape) -> have.add(name + " " + shape));
        assertEquals(want, have, "names and shapes, in state-dict order");
        assertEquals(reference.get("num_tensors").asInt(), expected.size(), "tensor count");
        assertEquals(reference.get("num_params").asLong(), HeadWeights.parameterCount(expected), "parameter count");
    }
}
