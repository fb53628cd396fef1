package dev.vla4j.perception.qwen;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The chat prompts of FastVLM ({@code qwen_2} conversation) and VLA-Adapter, and FastVLM's
 * {@code tokenizer_image_token}: the prompt is split at each {@code <image>}, every chunk is tokenised on its
 * own, and the chunks are joined with {@link #IMAGE_TOKEN_INDEX}, a sentinel (not a vocabulary id) that the
 * caller replaces by that image's projected rows when it builds the input embeddings.
 */
public final class QwenPrompts {
    /** LLaVA's {@code IMAGE_TOKEN_INDEX}: where an image's embeddings go in a tokenised prompt. */
    public static final long IMAGE_TOKEN_INDEX = -200;
    /** LLaVA's {@code DEFAULT_IMAGE_TOKEN}. */
    public static final String IMAGE_TOKEN = "<image>";

    private static final String FASTVLM_SYSTEM = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n";
    private static final String VLA_ADAPTER_SYSTEM =
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n";
    private static final String ASSISTANT_TURN = "<|im_start|>assistant\n";

    private QwenPrompts() {}

    /** FastVLM's predict.py prompt: the user turn is {@code "<image>\n" + question}, then the assistant turn. */
    public static String fastVlm(String question) {
        return FASTVLM_SYSTEM + "<|im_start|>user\n" + IMAGE_TOKEN + "\n" + question + "<|im_end|>\n" + ASSISTANT_TURN;
    }

    /**
     * VLA-Adapter's prompt (Qwen2.5 default system message), identical at training and inference; the
     * instruction is lower-cased as upstream does. No image token: the policy inserts vision rows after token 0.
     */
    public static String vlaAdapter(String instruction) {
        return VLA_ADAPTER_SYSTEM + "<|im_start|>user\nWhat action should the robot take to "
                + instruction.toLowerCase(Locale.ROOT) + "?<|im_end|>\n" + ASSISTANT_TURN;
    }

    /** {@code tokenizer_image_token}: the ids of {@code prompt} with one {@link #IMAGE_TOKEN_INDEX} per image. */
    public static long[] tokenizeWithImages(QwenTokenizer tokenizer, String prompt) {
        String[] chunks = prompt.split(Pattern.quote(IMAGE_TOKEN), -1);
        LongStream.Builder ids = LongStream.builder();
        for (int c = 0; c < chunks.length; c++) {
            if (c > 0) {
                ids.add(IMAGE_TOKEN_INDEX);
            }
            for (long id : tokenizer.encode(chunks[c])) {
                ids.add(id);
            }
        }
        return ids.build().toArray();
    }

    /** The indices of {@link #IMAGE_TOKEN_INDEX} in {@code ids}, in order. */
    public static int[] imagePositions(long[] ids) {
        return IntStream.range(0, ids.length).filter(i -> ids[i] == IMAGE_TOKEN_INDEX).toArray();
    }
}
