package dev.vla4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.bridge.ActionHead;
import dev.vla4j.bridge.BridgeAttentionConfig;
import dev.vla4j.bridge.BridgeAttentionHead;
import dev.vla4j.bridge.HeadWeights;
import dev.vla4j.bridge.ProprioProjector;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j bench head}: one {@code predict} of the VLA-Adapter policy head (projector + action head). */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = {"Time the full-size VLA-Adapter policy head (D=896, 24 blocks, 512 raw + 64 action-query "
                + "tokens, chunk 8): one predict on hidden states (1, 25, 576, 896) and an 8-d proprio, as upstream "
                + "predict_action. Reference: specs/refbench.md 'VLA-Adapter head Pro / v1'.",
                "Defaults: --warmup 2, --reps 10, --calls-for-memory 1000 (a call takes ~0.3-0.7 s on 2 cores, so "
                        + "the memory loop alone takes 5-12 minutes per variant and thread count)."},
        footer = {"", "Examples:", "  vla4j bench head", "  vla4j bench head --variant pro,v1 --threads 2 --calls-for-memory 200"})
final class HeadBenchCommand implements Callable<Integer> {
    /** The Pro block (separate K/V per source, RoPE) or the original v1 block. */
    enum Variant { pro, v1 }

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOptions options;

    @Option(names = "--variant", split = ",", paramLabel = "pro|v1", splitSynopsisLabel = ",", defaultValue = "pro",
            description = "Head variants to measure, in order (default: ${DEFAULT-VALUE}).")
    private List<Variant> variants;

    @Override
    public Integer call() {
        BenchRunner.Settings settings = options.settings(spec.commandLine(), 2, 10, 1000);
        return BenchCommand.execute(spec, settings, (runner, err) -> variants.forEach(v -> measure(runner, err, v)));
    }

    private void measure(BenchRunner runner, PrintWriter err, Variant variant) {
        boolean pro = variant == Variant.pro;
        BridgeAttentionConfig config = options.tiny ? BridgeAttentionConfig.tiny(pro) : BridgeAttentionConfig.fullSize(pro);
        try (NDManager model = NDManager.newBaseManager()) {
            Map<String, Shape> headShapes = ActionHead.expectedTensors(config);
            Map<String, Shape> projectorShapes = ProprioProjector.expectedTensors(config);
            BenchCommand.progress(err, "head %s: %,d random parameters", variant,
                    HeadWeights.parameterCount(headShapes) + HeadWeights.parameterCount(projectorShapes));
            BridgeAttentionHead head = BridgeAttentionHead.load(config, BenchWeights.generate(model, headShapes),
                    BenchWeights.generate(model, projectorShapes));
            NDArray hiddenStates = model.randomNormal(new Shape(1, config.hiddenStateLayers(),
                    config.hiddenStateTokens(), config.hiddenDim()));                  // (1, L+1, raw+AQ, D)
            NDArray proprio = model.randomNormal(new Shape(1, config.proprioDim()));  // (1, P)
            runner.measure(new BenchCase("head", variant.name(), null, 0, options.tiny, model, call -> {
                hiddenStates.tempAttach(call);
                proprio.tempAttach(call);
                return head.predict(hiddenStates, proprio);                               // (1, chunk, actionDim)
            }));
        }
    }
}
