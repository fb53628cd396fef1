package dev.vla4j.perception.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.vla4j.perception.io.RandomWeights;
import dev.vla4j.perception.vision.FastVitHd;
import dev.vla4j.perception.vision.FastVitHdConfig;
import dev.vla4j.perception.vision.FastVitHdOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backward through the unchanged FastViTHD forward, whose per-module NDScopes close every temporary (and each stage's
 * input) before backward runs: every learnable tensor of both forms gets a finite, nonzero gradient, and a few entries
 * of each agree with central differences, with the BatchNorms in eval mode (running statistics, which do not train)
 * and, for the train form that is trained, in train mode (batch statistics, through which the gradient flows too).
 */
class FastVitHdGradientTest {
    private static final FastVitHdConfig TINY = FastVitHdConfig.tiny();
    private static final double STEP = 3e-3;

    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "true, true"})
    void everyLearnableTensorGetsTheGradientFiniteDifferencesGive(boolean trainForm, boolean training) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Map<String, Shape> shapes = trainForm ? FastVitHd.expectedTrainFormTensors(TINY)
                    : FastVitHd.expectedTensors(TINY);
            var weights = RandomWeights.of(shapes, manager, 31, "random");
            FastVitHd model = trainForm ? FastVitHd.loadTrainForm(TINY, weights) : FastVitHd.load(TINY, weights);
            Map<String, NDArray> learnable = new LinkedHashMap<>();
            model.parameters().forEach((name, array) -> {
                if (!name.contains("running_") && !name.endsWith("num_batches_tracked")) {
                    learnable.put(name, array);
                }
            });
            Random random = new Random(32);
            // train mode: batch statistics over 2 images of a 2×2 output grid (over 2 values a BatchNorm gives ±1)
            long side = (training ? 2L : 1L) << TINY.halvings();
            NDArray images = GradientCheck.gaussian(manager, random, 0.5, new Shape(training ? 2 : 1, 3, side, side));
            FastVitHdOutput probe = model.forward(images);
            NDArray featureWeights = GradientCheck.gaussian(manager, random, 1, probe.imageFeatures().getShape());
            NDArray clipWeights = GradientCheck.gaussian(manager, random, 1, probe.clipEmbedding().getShape());

            // entry 0 of: the stem's first tensor, every layer scale, the attention qkv weights and the CLIP head
            String stem = learnable.keySet().iterator().next();
            Map<String, Double> numeric = new LinkedHashMap<>();
            double[] magnitude = new double[1];
            for (String name : learnable.keySet()) {
                if (name.equals(stem) || name.contains("layer_scale") || name.contains("qkv") || name.endsWith("head.proj")) {
                    numeric.put(name, GradientCheck.centralDifference(learnable.get(name), 0, STEP,
                            () -> loss(model, training, images, featureWeights, clipWeights, magnitude)));
                }
            }
            learnable.values().forEach(array -> array.setRequiresGradient(true));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                 NDManager step = manager.newSubManager()) {
                images.tempAttach(step);
                FastVitHdOutput out = forward(model, training, images);
                NDArray loss = out.imageFeatures().mul(featureWeights).sum().add(out.clipEmbedding().mul(clipWeights).sum());
                out.imageEmbeddings().close();
                collector.backward(loss);
            }
            double roundoff = 10 * GradientCheck.EPSILON32 * magnitude[0] / STEP; // as in Qwen2GradientTest
            learnable.forEach((name, array) -> {
                float[] gradient = GradientCheck.gradient(array);
                double norm = 0;
                for (float g : gradient) {
                    assertTrue(Float.isFinite(g), name + " has a non-finite gradient");
                    norm += g * g;
                }
                assertTrue(norm > 0, name + " gets no gradient");
                Double n = numeric.get(name);
                if (n != null) {
                    assertTrue(Math.abs(gradient[0] - n) <= roundoff + 1e-2 * Math.abs(gradient[0]),
                            name + "[0]: backward " + gradient[0] + " vs finite difference " + n);
                }
            });
            assertTrue(numeric.size() >= 4, "checked " + numeric.keySet());
        }
    }

    private static FastVitHdOutput forward(FastVitHd model, boolean training, NDArray images) {
        return training ? model.trainingForward(images) : model.forward(images);
    }

    private static double loss(FastVitHd model, boolean training, NDArray images, NDArray featureWeights,
                               NDArray clipWeights, double[] magnitude) {
        try (NDManager call = images.getManager().newSubManager()) {
            FastVitHdOutput out = forward(model, training, images);
            for (NDArray array : new NDArray[] {out.imageEmbeddings(), out.imageFeatures(), out.clipEmbedding()}) {
                array.attach(call);
            }
            NDArray terms = NDArrays.concat(new NDList(out.imageFeatures().mul(featureWeights).flatten(),
                    out.clipEmbedding().mul(clipWeights).flatten())).toType(DataType.FLOAT64, false);
            magnitude[0] = Math.max(magnitude[0], terms.abs().sum().getDouble());
            return terms.sum().getDouble();
        }
    }
}
