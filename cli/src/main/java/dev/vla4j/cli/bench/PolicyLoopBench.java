package dev.vla4j.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.ActionSpace;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.QuantileNormalizer;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.VlaConfig;
import dev.vla4j.policy.vla.VlaModel;
import dev.vla4j.policy.vla.VlaPolicy;
import dev.vla4j.policy.vla.WordTokenizer;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.tasks.Suites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The closed control loop in one process: a simulated robot, a VLA predicting a chunk from each observation, the
 * chunk executed open-loop. Reports chunks per second and the chunk latency (batch 1), the figure that bounds how
 * fast a real robot can be driven.
 */
final class PolicyLoopBench {
    private PolicyLoopBench() {}

    /** A trained policy folder, or the given preset with seeded random weights (its speed is the same). */
    static VlaPolicy policy(Path folder, String preset) {
        if (folder != null) {
            return VlaPolicy.load(folder);
        }
        NDManager manager = Engine.getInstance().newBaseManager();
        VlaConfig config = VlaConfig.preset(preset, 2, 4, 1);
        WordTokenizer words = WordTokenizer.fromInstructions(List.of("push the red moon to the top left corner"));
        PolicyMetadata metadata = new PolicyMetadata(config,
                ActionSpace.continuous(new float[] {-0.1f, -0.1f}, new float[] {0.1f, 0.1f}),
                QuantileNormalizer.of(new float[] {0.15f, -0.3f, -1f, -1f}, new float[] {0.6f, 0.3f, 1f, 1f}),
                List.of("top"), words.words());
        return new VlaPolicy(manager, VlaModel.random(config, manager, 1), metadata, words);
    }

    /** Runs {@code chunks} policy calls (after {@code warmup}) in a closed loop on one thread. */
    static ObjectNode measure(Policy policy, int chunks, int warmup, int imageSize, String label) {
        JniUtils.setGradMode(false);
        TableEnv env = new TableEnv(Suites.byName("langtable-spatial"),
                Suites.byName("langtable-spatial").tasks().get(0), Split.HELD_IN, EnvConfig.DEFAULT.withImageSize(imageSize));
        dev.vla4j.sim.Observation simObservation = env.reset(0);
        double[] latencies = new double[chunks];
        long actions = 0;
        long start = 0;
        for (int call = -warmup; call < chunks; call++) {
            if (call == 0) {
                start = System.nanoTime();
            }
            long before = System.nanoTime();
            ActionChunk chunk = policy.predictChunk(new Observation(Map.of("top", new RgbImage(simObservation.width(),
                    simObservation.height(), simObservation.rgb())), simObservation.proprio(), simObservation.instruction()));
            if (call >= 0) {
                latencies[call] = (System.nanoTime() - before) / 1e6;
            }
            for (int t = 0; t < chunk.horizon(); t++) {
                StepResult result = env.step(chunk.action(t));
                simObservation = result.done() ? env.reset(call + 1000L) : result.observation();
                actions += call >= 0 ? 1 : 0;
                if (result.done()) {
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LatencyStats stats = LatencyStats.of(latencies);
        ObjectNode line = new ObjectMapper().createObjectNode();
        line.put("case", "loop").put("policy", label).put("transport", "in-process")
                .put("intra_op_threads", JniUtils.getNumThreads()).put("image_size", imageSize)
                .put("chunks", chunks).put("chunks_per_s", chunks / seconds).put("actions_per_s", actions / seconds);
        line.putObject("chunk_latency_ms").put("min", stats.minMs()).put("median", stats.medianMs()).put("p99", stats.p99Ms());
        ProcessMemory.loadAverage().ifPresent(load -> line.put("loadavg_1m", load));
        return line;
    }
}
