package dev.vla4j.perception.qwen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * What a {@link Qwen2Model} forward returns, in HF's {@code output_hidden_states=True} layout.
 *
 * <p>{@code hiddenStates} has {@code numHiddenLayers + 1} entries, each (B, T, D): entry 0 is the input
 * embeddings (for {@code forwardEmbeddings}, the very array passed in), entry i the residual stream after layer i, and the last entry is after the last layer AND the
 * final RMSNorm ({@code model.norm}). {@code logits} is (B, T, vocab), or null when the forward was asked for
 * hidden states only. Every array belongs to the manager of the forward's input.
 */
public record Qwen2Output(List<NDArray> hiddenStates, NDArray logits) {
    public Qwen2Output {
        hiddenStates = List.copyOf(hiddenStates);
    }

    /** The logits (B, T, vocab); fails when the forward skipped them. */
    @Override
    public NDArray logits() {
        if (logits == null) {
            throw new IllegalStateException("logits were not computed: the forward was asked for hidden states only");
        }
        return logits;
    }

    public boolean hasLogits() {
        return logits != null;
    }

    /** The final-normed hidden state (B, T, D), the input of the LM head. */
    public NDArray lastHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 1);
    }

    /** All hidden states stacked layer-first: (numHiddenLayers + 1, B, T, D), the golden-file layout. */
    public NDArray stackedHiddenStates() {
        return NDArrays.stack(new NDList(hiddenStates), 0);
    }
}
