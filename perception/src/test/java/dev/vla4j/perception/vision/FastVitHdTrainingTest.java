package dev.vla4j.perception.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.nn.GradientCheck;
import dev.vla4j.testkit.Tolerance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The train-time form trains as upstream's in PyTorch's train mode (BatchNorms on batch statistics, running
 * statistics updated in place), and folding a trained tower keeps what it computes in eval mode.
 */
class FastVitHdTrainingTest {
    private static final FastVitHdConfig TINY = FastVitHdConfig.tiny();
    private static final String STEM_BN = FastVitHdLayout.PREFIX + "patch_embed.0.rbr_conv.0.bn.";

    private NDManager manager;
    private FastVitHd model;
    private final Random random = new Random(5);

    @BeforeEach
    void build() {
        manager = Engine.getInstance().newBaseManager();
        model = FastVitHd.loadTrainForm(TINY,
                RandomWeights.of(FastVitHd.expectedTrainFormTensors(TINY), manager, 17, "random"));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray images(long batch, long height, long width) {
        return GradientCheck.gaussian(manager, random, 1, new Shape(batch, 3, height, width)).add(0.5f);
    }

    @Test
    void theTrainingForwardNormalisesWithTheBatchAndUpdatesTheRunningStatisticsAsPyTorch() {
        NDArray images = images(2, 64, 64);
        NDArray evalBefore = model.forward(images).imageEmbeddings();
        NDArray trained = model.trainingForward(images).imageEmbeddings();
        assertTrue(trained.sub(evalBefore).abs().max().getFloat() > 1e-3f, "train mode must not use running statistics");

        // the stem's first branch: a bias-free 3×3 s2 conv of the image, then its BatchNorm
        Map<String, NDArray> tensors = model.parameters();
        NDArray conv = VisionOps.conv(images, tensors.get(FastVitHdLayout.PREFIX + "patch_embed.0.rbr_conv.0.conv.weight"),
                null, 2, 1, 1); // (B, C, 32, 32)
        NDArray perChannel = conv.transpose(1, 0, 2, 3).reshape(conv.getShape().get(1), -1); // (C, B·H·W)
        long n = perChannel.getShape().get(1);
        NDArray batchMean = perChannel.mean(new int[] {1});
        NDArray unbiasedVar = perChannel.sub(batchMean.expandDims(1)).square().sum(new int[] {1}).div(n - 1);
        Tolerance.assertClose("running_mean", tensors.get(STEM_BN + "running_mean"), batchMean.mul(0.1f));
        Tolerance.assertClose("running_var", tensors.get(STEM_BN + "running_var"), unbiasedVar.mul(0.1f).add(0.9f));
        assertEquals(1L, tensors.get(STEM_BN + "num_batches_tracked").getLong());

        NDArray evalAfter = model.forward(images).imageEmbeddings();
        assertTrue(evalAfter.sub(evalBefore).abs().max().getFloat() > 1e-3f, "eval mode reads the updated statistics");
        assertEquals(1L, model.parameters().get(STEM_BN + "num_batches_tracked").getLong(), "eval mode counts nothing");
    }

    @Test
    void foldingABrieflyTrainedTowerKeepsItsEvalOutputs() {
        Map<String, NDArray> learnable = new LinkedHashMap<>();
        model.parameters().forEach((name, array) -> {
            if (!name.contains("running_") && !name.endsWith("num_batches_tracked")) {
                learnable.put(name, array);
            }
        });
        learnable.values().forEach(array -> array.setRequiresGradient(true));
        for (int step = 0; step < 3; step++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray images = images(4, 64, 128);
                images.attach(scope);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray features = model.trainingForward(images).imageFeatures(); // (4, 2, 128)
                    features.attach(scope);
                    collector.backward(features.sub(0.5f).square().mean());
                }
            }
            learnable.values().forEach(array -> {
                GradientCheck.sgdStep(array, 0.5f);
                JniUtils.zeroGrad((PtNDArray) array);
            });
        }
        Map<String, NDArray> tensors = model.parameters();
        assertEquals(3L, tensors.get(STEM_BN + "num_batches_tracked").getLong());
        assertTrue(tensors.get(STEM_BN + "running_mean").abs().max().getFloat() > 1e-2f, "non-trivial running means");
        assertTrue(tensors.get(STEM_BN + "running_var").sub(1f).abs().max().getFloat() > 1e-2f, "non-trivial variances");
        String mixerScale = FastVitHdLayout.PREFIX + "network.0.0.token_mixer.layer_scale";
        assertTrue(tensors.get(mixerScale).sub(RandomWeights.LAYER_SCALE_INIT).abs().max().getFloat() > 1e-3f,
                "the RepMixer's layer scale trained");

        NDArray images = images(2, 128, 192);
        FastVitHdOutput unfolded = model.forward(images, true);
        FastVitHd folded = model.reparameterize();
        FastVitHdOutput output = folded.forward(images, true);
        Tolerance.assertClose("stem", output.stem(), unfolded.stem());
        for (int i = 0; i < output.network().size(); i++) {
            Tolerance.assertClose("network." + i, output.network().get(i), unfolded.network().get(i));
        }
        Tolerance.assertClose("image_embeddings", output.imageEmbeddings(), unfolded.imageEmbeddings());
        Tolerance.assertClose("clip_embedding", output.clipEmbedding(), unfolded.clipEmbedding());
        assertEquals(new TreeSet<>(FastVitHd.expectedTensors(TINY).keySet()), new TreeSet<>(folded.parameters().keySet()),
                "the folded tower has the released names");
    }

    @Test
    void aFreshTrainFormTowerStartsAsFastVitInitialisesIt() {
        model.parameters().forEach((name, array) -> {
            float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
            float expected;
            if (name.contains("layer_scale")) {
                expected = RandomWeights.LAYER_SCALE_INIT;
            } else if (name.endsWith("running_var") || name.matches(".*(\\.bn|rbr_skip)\\.weight")) {
                expected = 1f;
            } else if (name.endsWith("running_mean") || name.endsWith("bias") || name.endsWith("num_batches_tracked")) {
                expected = 0f;
            } else {
                return; // kernels and matrices: N(0, 1/fan_in)
            }
            for (float value : values) {
                assertEquals(expected, value, 0f, name);
            }
        });
        assertTrue(model.parameters().keySet().stream().anyMatch(name -> name.endsWith("token_mixer.mixer.rbr_skip.weight")),
                "the RepMixer keeps its identity BatchNorm");
    }
}
