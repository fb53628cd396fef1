package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.testkit.GoldenFile;
import dev.vla4j.testkit.Tolerance;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * FastViTHD against the upstream PyTorch run (golden README §3): every stage of the square case, both forms on the
 * batch-2 non-square case, and the Java fold of the train form against upstream {@code reparameterize_model}.
 * Every dimension comes from the golden {@code __metadata__}.
 */
class FastVitHdParityTest {
    static final String INFERENCE = "fastvithd_tiny.safetensors";
    static final String TRAIN = "fastvithd_tiny_trainform.safetensors";
    static final String NONSQUARE = "fastvithd_tiny_nonsquare.safetensors";

    static FastVitHdConfig configOf(GoldenFile golden) {
        return FastVitHdConfig.fromJson(golden.metaJson("config")).withProjectionDim(golden.metaInt("projection_dim"));
    }

    static Weights weightsOf(GoldenFile golden) {
        return new Weights(golden.withPrefix(golden.meta("name_prefix")), golden.path().getFileName().toString());
    }

    @Test
    void inferenceFormReproducesEveryStageOfTheSquareCase() {
        try (GoldenFile golden = GoldenFile.open(INFERENCE)) {
            FastVitHd model = FastVitHd.load(configOf(golden), weightsOf(golden));
            assertSquareCase(golden, model);
        }
    }

    @Test
    void trainFormReproducesEveryStageOfTheSquareCase() {
        try (GoldenFile golden = GoldenFile.open(TRAIN)) {
            FastVitHd model = FastVitHd.loadTrainForm(configOf(golden), weightsOf(golden));
            assertTrue(model.isTrainForm());
            assertSquareCase(golden, model);
        }
    }

    @Test
    void bothFormsReproduceTheBatchedNonSquareCase() {
        try (GoldenFile inference = GoldenFile.open(INFERENCE); GoldenFile train = GoldenFile.open(TRAIN);
             GoldenFile nonsquare = GoldenFile.open(NONSQUARE)) {
            NDArray images = nonsquare.get("nonsquare.input.image");
            assertOutputs("nonsquare.inference", nonsquare,
                    FastVitHd.load(configOf(inference), weightsOf(inference)).forward(images));
            assertOutputs("nonsquare.trainform", nonsquare,
                    FastVitHd.loadTrainForm(configOf(train), weightsOf(train)).forward(images));
        }
    }

    @Test
    void foldingTheTrainFormGivesTheReleasedTensorsAndOutputs() {
        try (GoldenFile inference = GoldenFile.open(INFERENCE); GoldenFile train = GoldenFile.open(TRAIN);
             GoldenFile nonsquare = GoldenFile.open(NONSQUARE)) {
            FastVitHd folded = FastVitHd.loadTrainForm(configOf(train), weightsOf(train)).reparameterize();
            Map<String, NDArray> expected = inference.withPrefix(inference.meta("name_prefix"));
            Map<String, NDArray> actual = folded.parameters();
            assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "folded tensor names");
            expected.forEach((name, tensor) -> Tolerance.assertClose("folded " + name, actual.get(name), tensor));
            assertOutputs("nonsquare.inference", nonsquare, folded.forward(nonsquare.get("nonsquare.input.image")));
        }
    }

    @Test
    void intermediatesAreOmittedUnlessAskedFor() {
        try (GoldenFile golden = GoldenFile.open(INFERENCE)) {
            FastVitHdOutput output = FastVitHd.load(configOf(golden), weightsOf(golden))
                    .forward(golden.get("square.input.image"));
            assertNull(output.stem());
            assertTrue(output.network().isEmpty());
            Tolerance.assertClose("square image_embeddings", output.imageEmbeddings(),
                    golden.get("square.output.image_embeddings"));
        }
    }

    private static void assertSquareCase(GoldenFile golden, FastVitHd model) {
        FastVitHdOutput output = model.forward(golden.get("square.input.image"), true);
        Tolerance.assertClose("square stem", output.stem(), golden.get("square.intermediate.stem"));
        long stages = golden.names().stream().filter(n -> n.startsWith("square.intermediate.network.")).count();
        assertEquals(stages, output.network().size(), "network entries");
        for (int i = 0; i < stages; i++) {
            Tolerance.assertClose("square network." + i, output.network().get(i),
                    golden.get("square.intermediate.network." + i));
        }
        assertOutputs("square", golden, output);
    }

    private static void assertOutputs(String prefix, GoldenFile golden, FastVitHdOutput output) {
        Tolerance.assertClose(prefix + " image_embeddings", output.imageEmbeddings(),
                golden.get(prefix + ".output.image_embeddings"));
        Tolerance.assertClose(prefix + " image_features", output.imageFeatures(),
                golden.get(prefix + ".output.image_features"));
        Tolerance.assertClose(prefix + " clip_embedding", output.clipEmbedding(),
                golden.get(prefix + ".output.clip_embedding"));
    }
}
