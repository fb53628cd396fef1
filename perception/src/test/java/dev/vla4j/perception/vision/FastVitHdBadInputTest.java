package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.CheckpointException;
import dev.vla4j.perception.io.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wrong images and wrong checkpoints fail with messages that name the problem; GELU is the exact erf form. */
class FastVitHdBadInputTest {
    private static final String QKV = FastVitHdLayout.PREFIX + "network.7.0.token_mixer.qkv.weight";

    private NDManager manager;
    private FastVitHdModelFixture fixture;

    /** Zero-valued tiny weights built from {@code expectedTensors}: enough to exercise loading and input checks. */
    record FastVitHdModelFixture(FastVitHdConfig config, Map<String, NDArray> tensors) {
        FastVitHd load() {
            Weights weights = new Weights(tensors, "fixture");
            FastVitHd model = FastVitHd.load(config, weights);
            weights.requireAllUsed();
            return model;
        }
    }

    @BeforeEach
    void createWeights() {
        manager = Engine.getInstance().newBaseManager();
        FastVitHdConfig config = FastVitHdConfig.tiny();
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        FastVitHd.expectedTensors(config).forEach((name, shape) -> tensors.put(name, manager.zeros(shape)));
        fixture = new FastVitHdModelFixture(config, tensors);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void zeroWeightsLoadAndGiveTheExpectedShapes() {
        FastVitHdOutput output = fixture.load().forward(manager.zeros(new Shape(2, 3, 64, 100)));
        assertEquals(new Shape(2, 256, 1, 2), output.imageEmbeddings().getShape());
        assertEquals(new Shape(2, 2, 256), output.imageFeatures().getShape());
        assertEquals(new Shape(2, 32), output.clipEmbedding().getShape());
    }

    @Test
    void imagesOfTheWrongRankChannelsTypeOrSizeAreRefused() {
        FastVitHd model = fixture.load();
        assertMessage(model, manager.zeros(new Shape(3, 128, 128)), "rank 3");
        assertMessage(model, manager.zeros(new Shape(1, 4, 128, 128)), "3 channels");
        assertMessage(model, manager.zeros(new Shape(1, 128, 128, 3)), "3 channels");
        assertMessage(model, manager.zeros(new Shape(1, 3, 128, 128), DataType.FLOAT64), "float32");
        assertMessage(model, manager.zeros(new Shape(1, 3, 63, 128)), "at least 64×64");
        assertMessage(model, manager.zeros(new Shape(0, 3, 64, 64)), "non-empty batch");
    }

    @Test
    void aMissingTensorIsNamed() {
        fixture.tensors().remove(QKV);
        CheckpointException e = assertThrows(CheckpointException.class, fixture::load);
        assertTrue(e.getMessage().contains("missing tensor '" + QKV + "'"), e.getMessage());
    }

    @Test
    void aMisshapedTensorIsNamedWithBothShapes() {
        fixture.tensors().put(QKV, manager.zeros(new Shape(64, 192)));
        CheckpointException e = assertThrows(CheckpointException.class, fixture::load);
        assertTrue(e.getMessage().contains(QKV) && e.getMessage().contains("(64, 192)")
                && e.getMessage().contains("(192, 64)"), e.getMessage());
    }

    @Test
    void anUnexpectedTensorIsRefused() {
        fixture.tensors().put(FastVitHdLayout.PREFIX + "network.0.0.token_mixer.mixer.rbr_skip.weight",
                manager.zeros(new Shape(8)));
        CheckpointException e = assertThrows(CheckpointException.class, fixture::load);
        assertTrue(e.getMessage().contains("unexpected") && e.getMessage().contains("rbr_skip"), e.getMessage());
    }

    @Test
    void anInferenceCheckpointIsNotATrainFormOne() {
        Weights weights = new Weights(fixture.tensors(), "fixture");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> FastVitHd.loadTrainForm(fixture.config(), weights));
        assertTrue(e.getMessage().contains("missing tensor") && e.getMessage().contains("rbr_conv.0"), e.getMessage());
    }

    @Test
    void numBatchesTrackedIsOptional() {
        fixture.tensors().keySet().removeIf(name -> name.endsWith("num_batches_tracked"));
        FastVitHd model = fixture.load();
        assertTrue(model.parameters().keySet().stream().noneMatch(name -> name.endsWith("num_batches_tracked")));
    }

    @Test
    void geluIsTheExactErfForm() {
        NDArray x = manager.create(new float[] {1f, -0.5f, 2f, -3f});
        // 0.5·x·(1+erf(x/√2)); the tanh approximation is off by 1.5e-4 at x = 1.
        float[] exact = {0.8413447460685429f, -0.15426876936299347f, 1.9544997361036416f, -0.0040496532905236f};
        assertArrayEquals(exact, VisionOps.gelu(x).toFloatArray(), 1e-6f);
    }

    private static void assertMessage(FastVitHd model, NDArray images, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(images));
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
    }
}
