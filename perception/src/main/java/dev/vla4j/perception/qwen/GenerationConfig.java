package dev.vla4j.perception.qwen;

import java.util.Arrays;

/**
 * How {@link Qwen2Generator} picks tokens.
 *
 * @param maxNewTokens   the most tokens to generate (the stop token, when produced, counts and is returned)
 * @param temperature    0 for greedy (argmax); above 0, sample from {@code softmax(logits / temperature)}
 * @param topP           nucleus sampling: keep the most likely tokens whose mass before them is below topP
 *                       (HF's TopPLogitsWarper); 1 keeps all. Ignored when greedy
 * @param seed           the sampling seed: the same seed, prompt and weights give the same tokens
 * @param stopTokens     generation ends after any of these ids
 * @param allowedVocab   ids at or above this are never produced (FastVLM: 151646, the tokenizer's size);
 *                       0 allows the whole vocabulary
 */
public record GenerationConfig(int maxNewTokens, double temperature, double topP, long seed, long[] stopTokens,
                               int allowedVocab) {
    public GenerationConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must lie in (0, 1], got " + topP);
        }
        if (allowedVocab < 0) {
            throw new IllegalArgumentException("allowedVocab must be >= 0, got " + allowedVocab);
        }
        stopTokens = stopTokens.clone();
    }

    /** Argmax decoding up to {@code maxNewTokens}, stopping after {@code stopTokens}. */
    public static GenerationConfig greedy(int maxNewTokens, long... stopTokens) {
        return new GenerationConfig(maxNewTokens, 0, 1, 0, stopTokens, 0);
    }

    /** Seeded sampling with temperature and top-p. */
    public static GenerationConfig sampled(int maxNewTokens, double temperature, double topP, long seed,
                                           long... stopTokens) {
        if (temperature == 0) {
            throw new IllegalArgumentException("sampling needs a temperature above 0; use greedy for 0");
        }
        return new GenerationConfig(maxNewTokens, temperature, topP, seed, stopTokens, 0);
    }

    /** This config with ids at or above {@code limit} never produced. */
    public GenerationConfig withAllowedVocab(int limit) {
        return new GenerationConfig(maxNewTokens, temperature, topP, seed, stopTokens, limit);
    }

    @Override
    public long[] stopTokens() {
        return stopTokens.clone();
    }

    public boolean isStop(long token) {
        return Arrays.stream(stopTokens).anyMatch(stop -> stop == token);
    }

    public boolean greedyDecoding() {
        return temperature == 0;
    }
}
