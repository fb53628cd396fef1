package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.engine.HostArrays;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Text generation for plain VLM use (batch 1): the prompt runs once into a {@link KvCache}, then each new
 * token runs alone; tokens are picked greedily or by seeded temperature/top-p sampling (see
 * {@link GenerationConfig}). Each step's tensors live in a sub-manager closed at the end of the step.
 */
public final class Qwen2Generator {
    /** Sees each generated token with the last-position logits (V) it was picked from. */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int step, long token, float[] logits);
    }

    /** The generated ids (the stop token included when one ended generation). */
    public record Generation(long[] tokens, boolean stoppedByToken) {}

    private final Qwen2Model model;

    public Qwen2Generator(Qwen2Model model) {
        this.model = model;
    }

    /** Generates after the prompt's token ids; arrays are made in {@code manager}'s sub-managers. */
    public Generation generate(NDManager manager, long[] promptIds, GenerationConfig config, TokenListener listener) {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        try (NDManager session = manager.newSubManager()) {
            NDArray embeds = model.embed(HostArrays.of(session, promptIds, new Shape(1, promptIds.length)));
            return run(session, embeds, config, listener);
        }
    }

    /**
     * Generates after prompt embeddings (1, T, D), e.g. text with image rows spliced in; the prompt array is
     * not modified and nothing is added to its manager.
     */
    public Generation generate(NDArray promptEmbeds, GenerationConfig config, TokenListener listener) {
        if (promptEmbeds.getShape().dimension() != 3 || promptEmbeds.getShape().get(0) != 1) {
            throw new IllegalArgumentException("generation takes prompt embeddings (1, T, D), got "
                    + promptEmbeds.getShape());
        }
        try (NDManager session = promptEmbeds.getManager().newSubManager()) {
            NDArray embeds = promptEmbeds.duplicate();
            embeds.attach(session);
            return run(session, embeds, config, listener);
        }
    }

    private Generation run(NDManager session, NDArray promptEmbeds, GenerationConfig config, TokenListener listener) {
        Random random = new Random(config.seed());
        long[] tokens = new long[config.maxNewTokens()];
        try (KvCache cache = model.newCache(session)) {
            float[] logits = lastLogits(promptEmbeds, cache);
            for (int step = 0; step < config.maxNewTokens(); step++) {
                long token = pick(logits, config, random);
                tokens[step] = token;
                if (listener != null) {
                    listener.onToken(step, token, logits);
                }
                if (config.isStop(token)) {
                    return new Generation(Arrays.copyOf(tokens, step + 1), true);
                }
                if (step + 1 < config.maxNewTokens()) {
                    try (NDManager stepManager = session.newSubManager()) {
                        NDArray ids = HostArrays.of(stepManager, new long[] {token}, new Shape(1, 1));
                        logits = lastLogits(model.embed(ids), cache);
                    }
                }
            }
        }
        return new Generation(tokens, false);
    }

    /** Runs embeds (1, T, D) through the cached model; the logits (V) of the last position. */
    private float[] lastLogits(NDArray embeds, KvCache cache) {
        try (NDManager scope = embeds.getManager().newSubManager()) {
            embeds.tempAttach(scope);
            Qwen2Output out = model.forwardEmbeddings(embeds, null, null, cache, Qwen2Model.Outputs.HIDDEN_STATES);
            long t = embeds.getShape().get(1);
            NDArray last = out.lastHiddenState().get(":, {}:, :", t - 1);                 // (1, 1, D)
            return model.logits(last).toFloatArray();                                     // (1, 1, V)
        }
    }

    /** Greedy argmax (first maximum), or temperature + top-p sampling, over ids below the allowed vocabulary. */
    static long pick(float[] logits, GenerationConfig config, Random random) {
        int n = config.allowedVocab() == 0 ? logits.length : Math.min(config.allowedVocab(), logits.length);
        if (config.greedyDecoding()) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i] / config.temperature());
        }
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp(logits[i] / config.temperature() - max);
            total += weights[i];
        }
        IntStream indices = IntStream.range(0, n);
        int[] order = config.topP() < 1
                ? indices.boxed().sorted((a, b) -> Double.compare(weights[b], weights[a]))
                        .mapToInt(Integer::intValue).toArray()
                : indices.toArray();
        int kept = 0;
        double keptMass = 0;
        while (kept < n && (kept == 0 || keptMass / total < config.topP())) {
            keptMass += weights[order[kept++]];
        }
        double target = random.nextDouble() * keptMass;
        for (int k = 0; k < kept; k++) {
            target -= weights[order[k]];
            if (target < 0) {
                return order[k];
            }
        }
        return order[kept - 1];
    }
}
