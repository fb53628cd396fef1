package dev.vla4j.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.perception.nn.LoraConfig;
import dev.vla4j.policy.vla.VlaConfig;
import dev.vla4j.policy.vla.VlaModel;
import dev.vla4j.testkit.FreedMemory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training step's gradients are a function of the weights and the batch only: a garbage collection between the
 * forward and the backward pass (which happens whenever the JVM decides) changes none of them.
 */
class GarbageCollectionTest {
    private static final VlaConfig CONFIG = VlaConfig.tiny(2, 4);

    @ParameterizedTest
    @ValueSource(strings = {"full", "lora"})
    void aCollectionBetweenForwardAndBackwardChangesNoGradient(String lm) {
        Map<String, float[]> undisturbed = gradients(lm, false);
        Map<String, float[]> collected = gradients(lm, true);
        assertEquals(undisturbed.keySet(), collected.keySet());
        undisturbed.forEach((name, gradient) -> assertArrayEquals(gradient, collected.get(name), name));
    }

    private static Map<String, float[]> gradients(String lm, boolean collectBeforeBackward) {
        TrainConfig config = TrainConfig.preset("tiny").with(List.of("lm=" + lm));
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaModel model = VlaModel.random(CONFIG, manager, 5);
            if (lm.equals("lora")) {
                model.vlm().language().addLora(new LoraConfig(config.loraRank(), config.loraAlpha()), config.seed());
            }
            Map<String, NDArray> parameters = Trainer.trainable(model, config);
            parameters.values().forEach(p -> p.setRequiresGradient(true));
            Random random = new Random(9);
            try (NDManager step = manager.newSubManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray images = step.create(uniform(random, 2 * 3 * 128 * 128), new Shape(2, 1, 3, 128, 128));
                NDArray proprio = step.create(uniform(random, 2 * 4), new Shape(2, 4));
                long[][] prompts = {{1, 5, 6, 7}, {1, 8, 0, 0}};
                NDArray loss = model.forward(images, prompts, new int[] {4, 2}, proprio).abs().mean();
                if (collectBeforeBackward) {
                    FreedMemory.collectAndOverwrite();
                }
                collector.backward(loss);
            }
            Map<String, float[]> gradients = new LinkedHashMap<>();
            parameters.forEach((name, p) -> gradients.put(name, p.getGradient().toFloatArray()));
            return gradients;
        }
    }

    private static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
