package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.perception.io.NameCheck;
import dev.vla4j.testkit.Golden;
import dev.vla4j.testkit.GoldenFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code expectedTensors} and the loaders agree with upstream's state-dict names, at tiny and full size. */
class FastVitHdNamesTest {

    @Test
    void fullSizeExpectedTensorsAreTheReleasedNames() throws IOException {
        JsonNode listing = new ObjectMapper().readTree(Golden.file("fastvithd_full_names.json").toFile());
        Map<String, Shape> reference = new LinkedHashMap<>();
        Set<String> int64 = new TreeSet<>();
        for (JsonNode tensor : listing.get("tensors")) {
            long[] dims = StreamSupport.stream(tensor.get("shape").spliterator(), false).mapToLong(JsonNode::asLong)
                    .toArray();
            reference.put(tensor.get("name").asText(), new Shape(dims));
            if (tensor.get("dtype").asText().startsWith("I64")) {
                int64.add(tensor.get("name").asText());
            }
        }
        Map<String, Shape> expected = FastVitHd.expectedTensors(FastVitHdConfig.fastVitHd());
        NameCheck check = NameCheck.compare(expected, reference);
        assertTrue(check.clean(), check.describe(20));
        assertEquals(listing.get("num_tensors").asInt(), expected.size());
        assertEquals(listing.get("num_elements").asLong(), expected.values().stream().mapToLong(Shape::size).sum());
        // The I64 buffers are exactly the BatchNorm step counters, listed as 0-d shapes.
        assertEquals(listing.get("num_i64_num_batches_tracked").asInt(), int64.size());
        for (String name : int64) {
            assertTrue(name.endsWith(".num_batches_tracked"), name);
            assertEquals(new Shape(), expected.get(name), name);
        }
    }

    @Test
    void tinyExpectedTensorsAreThoseOfBothGoldenForms() {
        assertSameTensors(FastVitHdParityTest.INFERENCE, false);
        assertSameTensors(FastVitHdParityTest.TRAIN, true);
    }

    @Test
    void fullSizeOutputIs3072ChannelsOn16x16TokensAt1024() {
        FastVitHdConfig config = FastVitHdConfig.fastVitHd();
        assertEquals(3072, config.outputChannels());
        assertEquals(192, config.seChannels());
        assertEquals(6, config.halvings());
        int[][] sideToTokens = {{256, 16}, {336, 36}, {512, 64}, {1024, 256}, {1040, 289}, {2048, 1024}};
        for (int[] row : sideToTokens) {
            int side = config.gridSide(row[0]);
            assertEquals(row[1], side * side, "tokens at " + row[0]);
        }
    }

    private static void assertSameTensors(String file, boolean trainForm) {
        try (GoldenFile golden = GoldenFile.open(file)) {
            FastVitHdConfig config = FastVitHdParityTest.configOf(golden);
            Map<String, Shape> actual = new LinkedHashMap<>();
            golden.withPrefix(golden.meta("name_prefix")).forEach((name, array) -> actual.put(name, array.getShape()));
            Map<String, Shape> expected = trainForm
                    ? FastVitHd.expectedTrainFormTensors(config) : FastVitHd.expectedTensors(config);
            NameCheck check = NameCheck.compare(expected, actual);
            assertTrue(check.clean(), file + ": " + check.describe(20));
            FastVitHd model = trainForm ? FastVitHd.loadTrainForm(config, FastVitHdParityTest.weightsOf(golden))
                    : FastVitHd.load(config, FastVitHdParityTest.weightsOf(golden));
            assertEquals(expected.keySet(), model.parameters().keySet(), "parameters() names of " + file);
        }
    }
}
