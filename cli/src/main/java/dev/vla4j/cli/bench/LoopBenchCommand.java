package dev.vla4j.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.vla4j.policy.vla.VlaPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j bench loop}: the closed-loop chunk rate of a policy driving the simulator in one process. */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = "Closed-loop chunk rate: the simulated robot observes, the VLA predicts a chunk (batch 1), the "
                + "chunk runs open-loop; prints chunks/s, actions/s and the chunk latency as one JSON line. Without "
                + "--policy the preset runs on seeded random weights (same speed as trained ones).",
        footer = {"", "Examples:", "  vla4j bench loop --preset small --threads 1",
                "  vla4j bench loop --policy runs/small/checkpoints/last --chunks 500"})
final class LoopBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", paramLabel = "DIR", description = "A trained policy folder (default: random weights).")
    private Path policy;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "Network preset for random weights: tiny, small, fastvlm-0.5b (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--chunks", paramLabel = "N", defaultValue = "200", description = "Timed chunks (default: ${DEFAULT-VALUE}).")
    private int chunks;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "Untimed chunks first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Intra-op threads; control loops use 1 (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() {
        if (chunks < 1 || warmup < 0 || threads < 1) {
            spec.commandLine().getErr().println("vla4j bench loop: --chunks and --threads must be positive, --warmup >= 0");
            return 2;
        }
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        try (VlaPolicy loaded = PolicyLoopBench.policy(policy, preset)) {
            spec.commandLine().getOut().println(PolicyLoopBench.measure(loaded, chunks, warmup,
                    loaded.metadata().config().vlm().imageSize(), policy != null ? policy.toString() : preset + " (random)"));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vla4j bench loop: " + e.getMessage());
            return 2;
        }
    }
}
