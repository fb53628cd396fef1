package dev.vla4j.policy.vla;

import dev.vla4j.perception.qwen.QwenPrompts;
import dev.vla4j.perception.qwen.QwenTokenizer;

/** Instruction → the prompt's token ids (first id: the sequence start the image tokens follow). */
public interface PromptTokenizer {
    long[] encode(String instruction);

    /** A pretrained LM's own Qwen BPE tokenizer with VLA-Adapter's chat prompt (specs/vla-adapter.md §1.3). */
    static PromptTokenizer qwen(QwenTokenizer tokenizer) {
        return instruction -> tokenizer.encode(QwenPrompts.vlaAdapter(instruction));
    }
}
