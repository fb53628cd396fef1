package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.testkit.Tolerance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KV-cached generation on a seeded random tiny model: same tokens and logits as full recomputation. */
class Qwen2GeneratorTest {
    private static final long[] PROMPT = {5, 77, 301, 12, 499, 3, 250};
    private static NDManager manager;
    private static Qwen2Model model;

    @BeforeAll
    static void build() {
        manager = Engine.getInstance().newBaseManager();
        model = TestWeights.randomModel(manager, Qwen2Config.tiny(), 7);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    @Test
    void cachedGreedyDecodingEqualsRecomputingTheWholeSequence() {
        List<float[]> stepLogits = new ArrayList<>();
        int steps = 12;
        Qwen2Generator.Generation generation = new Qwen2Generator(model).generate(manager, PROMPT,
                GenerationConfig.greedy(steps), (step, token, logits) -> stepLogits.add(logits.clone()));
        assertEquals(steps, generation.tokens().length);
        assertFalse(generation.stoppedByToken());

        long[] sequence = LongStream.concat(LongStream.of(PROMPT), LongStream.of(generation.tokens())).toArray();
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = scope.create(Arrays.copyOf(sequence, sequence.length - 1), new Shape(1, sequence.length - 1));
            NDArray full = model.forward(ids, null, null, Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS).logits();
            for (int step = 0; step < steps; step++) {
                NDArray reference = full.get(0, PROMPT.length - 1 + step);             // (V)
                Tolerance.assertClose("logits of step " + step, stepLogits.get(step), reference.toFloatArray(),
                        stepLogits.get(step).length);
                assertEquals(reference.argMax().getLong(), generation.tokens()[step], "token of step " + step);
            }
        }
    }

    @Test
    void promptEmbeddingsGiveTheSameTokensAsPromptIds() {
        GenerationConfig config = GenerationConfig.greedy(6);
        long[] fromIds = new Qwen2Generator(model).generate(manager, PROMPT, config, null).tokens();
        try (NDManager scope = manager.newSubManager()) {
            NDArray embeds = model.embed(scope.create(PROMPT, new Shape(1, PROMPT.length)));
            assertArrayEquals(fromIds, new Qwen2Generator(model).generate(embeds, config, null).tokens());
        }
    }

    @Test
    void generationStopsAfterTheStopTokenAndIncludesIt() {
        long first = new Qwen2Generator(model).generate(manager, PROMPT, GenerationConfig.greedy(1), null).tokens()[0];
        Qwen2Generator.Generation stopped = new Qwen2Generator(model).generate(manager, PROMPT,
                GenerationConfig.greedy(10, first), null);
        assertArrayEquals(new long[] {first}, stopped.tokens());
        assertTrue(stopped.stoppedByToken());
    }

    @Test
    void samplingIsReproducibleBySeedAndTopPNearZeroIsGreedy() {
        Qwen2Generator generator = new Qwen2Generator(model);
        long[] a = generator.generate(manager, PROMPT, GenerationConfig.sampled(16, 1.0, 0.9, 42), null).tokens();
        long[] b = generator.generate(manager, PROMPT, GenerationConfig.sampled(16, 1.0, 0.9, 42), null).tokens();
        long[] c = generator.generate(manager, PROMPT, GenerationConfig.sampled(16, 1.0, 0.9, 43), null).tokens();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "seeds 42 and 43 gave the same 16 sampled tokens");
        long[] greedy = generator.generate(manager, PROMPT, GenerationConfig.greedy(16), null).tokens();
        long[] nucleusOfOne = generator.generate(manager, PROMPT,
                GenerationConfig.sampled(16, 1.0, 1e-9, 5), null).tokens();
        assertArrayEquals(greedy, nucleusOfOne);
    }

    @Test
    void idsAtOrAboveTheAllowedVocabularyAreNeverProduced() {
        long[] tokens = new Qwen2Generator(model).generate(manager, PROMPT,
                GenerationConfig.sampled(32, 2.0, 1.0, 1).withAllowedVocab(20), null).tokens();
        assertTrue(LongStream.of(tokens).allMatch(t -> t < 20), Arrays.toString(tokens));
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        // top_p 0.7: 0.5 (mass before 0) and 0.3 (mass before 0.5 < 0.7) stay; 0.2 (mass before 0.8) goes
        GenerationConfig config = GenerationConfig.sampled(1, 1.0, 0.7, 0);
        java.util.Random random = new java.util.Random(3);
        int[] counts = new int[3];
        for (int i = 0; i < 2000; i++) {
            counts[(int) Qwen2Generator.pick(logits, config, random)]++;
        }
        assertEquals(0, counts[2]);
        assertTrue(counts[0] > counts[1] && counts[1] > 0, Arrays.toString(counts));
    }

    @Test
    void badGenerationSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.greedy(0));
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampled(4, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampled(4, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampled(4, Double.NaN, 1, 0));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new Qwen2Generator(model).generate(manager, new long[0], GenerationConfig.greedy(1), null));
        assertTrue(empty.getMessage().contains("no tokens"));
    }
}
