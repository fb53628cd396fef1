package dev.vla4j.perception.fastvlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.io.SafetensorsCheckpoint;
import dev.vla4j.perception.io.SafetensorsWriter;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.qwen.GenerationConfig;
import dev.vla4j.perception.qwen.Qwen2Model;
import dev.vla4j.perception.qwen.Qwen2Output;
import dev.vla4j.perception.qwen.QwenPrompts;
import dev.vla4j.testkit.Tolerance;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny FastVLM with seeded random weights: splicing, causality, a checkpoint round trip, bad input. */
class FastVlmTest {
    private static final long IMAGE = QwenPrompts.IMAGE_TOKEN_INDEX;
    private static final long[] PROMPT = {5, 17, 3, IMAGE, 42, 7, 9};

    private final FastVlmConfig config = FastVlmConfig.tiny();
    private NDManager weightsManager;
    private NDManager caller;
    private Weights weights;
    private FastVlm model;

    @BeforeEach
    void build() {
        weightsManager = Engine.getInstance().newBaseManager();
        caller = Engine.getInstance().newBaseManager();
        weights = RandomWeights.of(FastVlm.expectedTensors(config), weightsManager, 7, "random");
        model = FastVlm.load(config, weights);
    }

    @AfterEach
    void close() {
        caller.close();
        weightsManager.close();
    }

    private NDArray images(int count) {
        Engine.getInstance().setRandomSeed(11);
        return caller.randomUniform(0f, 1f, new Shape(count, 3, config.imageSize(), config.imageSize()));
    }

    @Test
    void theSentinelIsReplacedByTheImageTokensBetweenTheTextEmbeddings() {
        NDArray tokens = model.encodeImages(images(1));              // (1, N, D)
        int n = config.imageTokens();
        assertEquals(new Shape(1, n, config.text().hiddenSize()), tokens.getShape());
        NDArray spliced = model.embed(PROMPT, tokens);                // (1, 6 + N, D)
        assertEquals(new Shape(1, PROMPT.length - 1 + n, config.text().hiddenSize()), spliced.getShape());
        NDArray before = model.language().embed(caller.create(new long[] {5, 17, 3}, new Shape(1, 3)));
        NDArray after = model.language().embed(caller.create(new long[] {42, 7, 9}, new Shape(1, 3)));
        Tolerance.assertClose("text before", spliced.get(new NDIndex(":, 0:3")), before);
        Tolerance.assertClose("image rows", spliced.get(new NDIndex(":, 3:{}", 3 + n)), tokens);
        Tolerance.assertClose("text after", spliced.get(new NDIndex(":, {}:", 3 + n)), after);
    }

    @Test
    void theForwardIsTheLmOnTheSplicedEmbeddingsAndIsCausal() {
        NDArray images = images(1);
        Qwen2Output output = model.forward(PROMPT, images, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
        assertEquals(config.text().numHiddenLayers() + 1, output.hiddenStates().size());
        NDArray spliced = model.embed(PROMPT, model.encodeImages(images));
        Qwen2Output direct = model.language().forwardEmbeddings(spliced, null, null,
                Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
        Tolerance.assertClose("logits", output.logits(), direct.logits());
        // positions before the image cannot see it: they equal the LM on the text prefix alone
        Qwen2Output prefix = model.language().forward(caller.create(new long[] {5, 17, 3}, new Shape(1, 3)), null, null,
                Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
        Tolerance.assertClose("prefix logits", output.logits().get(new NDIndex(":, 0:3")), prefix.logits());
    }

    @Test
    void aCheckpointWrittenToDiskLoadsStrictlyAndGivesTheSameOutputs(@TempDir Path dir) {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, model.parameters(), Map.of("format", "pt"));
        NDArray images = images(1);
        NDArray expected = model.forward(PROMPT, images, Qwen2Model.Outputs.HIDDEN_STATES).lastHiddenState();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir);
             NDManager loaded = Engine.getInstance().newBaseManager()) {
            Weights fromDisk = checkpoint.weights(loaded);
            FastVlm reloaded = FastVlm.load(config, fromDisk);
            fromDisk.requireAllUsed();
            Tolerance.assertClose("reloaded", reloaded.forward(PROMPT, images, Qwen2Model.Outputs.HIDDEN_STATES)
                    .lastHiddenState(), expected);
        }
    }

    @Test
    void generationRunsFromTheSplicedPromptAndStopsAtTheLimit() {
        var generation = model.generate(PROMPT, images(1), GenerationConfig.greedy(5), null);
        assertEquals(5, generation.tokens().length);
        for (long token : generation.tokens()) {
            assertTrue(token >= 0 && token < config.text().vocabSize(), "token " + token);
        }
    }

    @Test
    void aForwardLeavesOnlyItsOutputsInTheCallersManagerAndNothingInTheWeights() {
        NDArray images = images(1);
        int weightArrays = weightsManager.getManagedArrays().size();
        int before = caller.getManagedArrays().size();
        Qwen2Output output = model.forward(PROMPT, images, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
        assertEquals(before + output.hiddenStates().size() + 1, caller.getManagedArrays().size());
        assertEquals(weightArrays, weightsManager.getManagedArrays().size());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        NDArray tokens = model.encodeImages(images(1));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> model.embed(new long[] {1, IMAGE, 2, IMAGE}, tokens));
        assertTrue(count.getMessage().contains("2 <image> sentinel(s) but 1 image(s)"), count.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> model.encodeImages(caller.zeros(new Shape(1, 3, 64, 64))));
        assertTrue(size.getMessage().contains("(K, 3, 128, 128)"), size.getMessage());
        long[] tooLong = new long[config.maxSequenceLength()];
        tooLong[0] = IMAGE;
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> model.embed(tooLong, tokens));
        assertTrue(length.getMessage().contains("more than tokenizer_model_max_length"), length.getMessage());
        Map<String, NDArray> partial = new java.util.LinkedHashMap<>(model.parameters());
        partial.remove("model.mm_projector.2.bias");
        Exception missing = assertThrows(RuntimeException.class, () -> FastVlm.load(config, new Weights(partial, "partial")));
        assertTrue(missing.getMessage().contains("model.mm_projector.2.bias"), missing.getMessage());
    }
}
