package dev.vla4j.perception.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The DJL PyTorch engine starts offline from the Maven natives, and its autograd gives known gradients. */
class TensorEngineTest {

    @Test
    void probeReportsPyTorch271OfflineWithTheConfiguredCache() {
        TensorEngine.Report report = TensorEngine.probe();
        assertEquals("PyTorch", report.engine());
        assertEquals("2.7.1", report.libtorchVersion());
        assertEquals("0.36.0", report.djlVersion());
        assertTrue(report.intraOpThreads() >= 1, "intra-op threads: " + report.intraOpThreads());
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run DJL offline");
        String configured = System.getenv("DJL_CACHE_DIR");
        assertTrue(configured != null && !configured.isBlank(), "the build must set DJL_CACHE_DIR for tests");
        assertTrue(report.cacheDir().startsWith(java.nio.file.Path.of(configured).toAbsolutePath().toString()),
                "engine cache " + report.cacheDir() + " is not under DJL_CACHE_DIR=" + configured);
        assertTrue(!report.cacheDir().startsWith(System.getProperty("user.home") + "/.djl.ai"),
                "the engine cache silently went to the user's home: " + report.cacheDir());
    }

    @Test
    void backwardOfAWeightedSquareGivesTheAnalyticGradient() {
        try (NDManager manager = Engine.getInstance().newBaseManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            NDArray w = manager.create(new float[] {0.5f, -1f, 2f});
            w.setRequiresGradient(true);
            NDArray loss = w.mul(x).square().sum(); // sum((w*x)^2) = 0.25 + 4 + 36
            collector.backward(loss);
            assertEquals(40.25f, loss.getFloat(), 0f);
            // d/dw sum((w*x)^2) = 2 * w * x^2 = [1, -8, 36]
            assertArrayEquals(new float[] {1f, -8f, 36f}, w.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void backwardThroughMatMulAndTanhMatchesTheChainRule() {
        try (NDManager manager = Engine.getInstance().newBaseManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray weights = manager.create(new float[] {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f}, new Shape(2, 3));
            weights.setRequiresGradient(true);
            NDArray input = manager.create(new float[] {1f, 2f, 3f}, new Shape(3, 1));
            NDArray hidden = weights.matMul(input); // (2, 1) = [0.6, -0.4]
            collector.backward(hidden.tanh().sum());
            // dL/dW[i][j] = (1 - tanh(h_i)^2) * x_j
            float[] expected = new float[6];
            double[] h = {0.6, -0.4};
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    expected[i * 3 + j] = (float) ((1 - Math.pow(Math.tanh(h[i]), 2)) * (j + 1));
                }
            }
            assertArrayEquals(expected, weights.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
