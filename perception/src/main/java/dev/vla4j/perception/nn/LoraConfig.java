package dev.vla4j.perception.nn;

/**
 * The size of a LoRA adapter as PEFT's {@code LoraConfig} gives it: rank {@code r} and {@code lora_alpha}, so the
 * low-rank update is scaled by {@code alpha / rank}. Dropout is not modelled (VLA-Adapter trains with 0).
 *
 * @param rank  r, the inner width of {@code lora_A} (r × in) and {@code lora_B} (out × r)
 * @param alpha lora_alpha; the update is multiplied by {@code alpha / rank}
 */
public record LoraConfig(int rank, double alpha) {
    public LoraConfig {
        if (rank <= 0) {
            throw new IllegalArgumentException("LoRA rank must be positive, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be a positive finite number, got " + alpha);
        }
    }

    /** VLA-Adapter's recipe (specs/vla-adapter.md §2): r = 64, α = 2r = 128. */
    public static LoraConfig vlaAdapter() {
        return new LoraConfig(64, 128);
    }

    /** {@code alpha / rank}, PEFT's {@code scaling}. */
    public float scale() {
        return (float) (alpha / rank);
    }

    /** PEFT's "gaussian" init of {@code lora_A}: N(0, (1/r)²). */
    public double initialStd() {
        return 1.0 / rank;
    }
}
