package dev.vla4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.Weights;
import dev.vla4j.perception.qwen.Qwen2Config;
import dev.vla4j.perception.qwen.Qwen2Model;
import dev.vla4j.perception.qwen.Qwen2Names;
import dev.vla4j.perception.qwen.Qwen2Output;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j bench vlm}: one Qwen2.5-0.5B forward from input embeddings with all hidden states. */
@Command(name = "vlm", mixinStandardHelpOptions = true,
        description = {"Time the Qwen2.5-0.5B decoder (24 layers, hidden 896) on input embeddings (1, T, 896) with an "
                + "all-ones attention mask, returning all 25 hidden states, as VLA-Adapter calls its LLM. Two variants: "
                + "decoder-only skips the unused lm_head logits (compare: refbench 'decoder only'); causal-lm also "
                + "computes the logits for all T positions (compare: refbench Qwen2ForCausalLM).",
                "Defaults: --warmup 1, --reps 3, --calls-for-memory 5 (a call takes 3-7 s on 2 cores at 626 tokens; "
                        + "both variants at 1 and 2 threads take about 3 minutes)."},
        footer = {"", "Examples:", "  vla4j bench vlm", "  vla4j bench vlm --tokens 64,626 --no-logits --threads 2"})
final class VlmBenchCommand implements Callable<Integer> {
    static final String DECODER_ONLY = "decoder-only";
    static final String CAUSAL_LM = "causal-lm";

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchOptions options;

    @Option(names = "--tokens", split = ",", paramLabel = "T", splitSynopsisLabel = ",", defaultValue = "626",
            description = "Sequence lengths to measure (default: ${DEFAULT-VALUE}; VLA-Adapter's prompt with two "
                    + "images; refbench also has 64).")
    private List<Integer> tokens;

    @Option(names = "--logits", negatable = true,
            description = "--logits: only causal-lm (with the lm_head logits); --no-logits: only decoder-only; "
                    + "default: both.")
    private Boolean logits;

    @Override
    public Integer call() {
        BenchRunner.Settings settings = options.settings(spec.commandLine(), 1, 3, 5);
        Qwen2Config config = options.tiny ? Qwen2Config.tiny() : Qwen2Config.qwen25_0_5b();
        for (int t : tokens) {
            if (t < 1 || t > config.maxPositionEmbeddings()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tokens: " + t + " is outside 1.."
                        + config.maxPositionEmbeddings() + " (the model's max_position_embeddings)");
            }
        }
        return BenchCommand.execute(spec, settings, (runner, err) -> measure(runner, err, config));
    }

    private void measure(BenchRunner runner, PrintWriter err, Qwen2Config config) {
        List<Qwen2Model.Outputs> variants = new ArrayList<>();
        if (!Boolean.TRUE.equals(logits)) {
            variants.add(Qwen2Model.Outputs.HIDDEN_STATES);
        }
        if (!Boolean.FALSE.equals(logits)) {
            variants.add(Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS);
        }
        try (NDManager model = NDManager.newBaseManager()) {
            BenchCommand.progress(err, "vlm: %,d random parameters (the tied lm_head shares the embedding)",
                    Qwen2Names.parameterCount(config));
            Weights weights = new Weights(BenchWeights.generate(model, Qwen2Names.requiredTensors(config)),
                    "random weights");
            Qwen2Model qwen = Qwen2Model.load(config, weights);
            weights.requireAllUsed();
            for (int length : tokens) {
                NDArray embeddings = model.randomNormal(new Shape(1, length, config.hiddenSize())); // (1, T, D)
                NDArray mask = model.ones(new Shape(1, length), DataType.INT64);                   // (1, T)
                for (Qwen2Model.Outputs outputs : variants) {
                    boolean withLogits = outputs == Qwen2Model.Outputs.HIDDEN_STATES_AND_LOGITS;
                    runner.measure(new BenchCase("vlm", withLogits ? CAUSAL_LM : DECODER_ONLY, "tokens", length,
                            options.tiny, model, call -> {
                                embeddings.tempAttach(call);
                                Qwen2Output output = qwen.forwardEmbeddings(embeddings, mask, null, outputs);
                                return withLogits ? output.logits() : output.lastHiddenState(); // (1, T, V) | (1, T, D)
                            }));
                }
                embeddings.close();
                mask.close();
            }
        }
    }
}
