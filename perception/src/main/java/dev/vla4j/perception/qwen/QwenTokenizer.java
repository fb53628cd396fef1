package dev.vla4j.perception.qwen;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The Qwen2/Qwen2.5 byte-level BPE tokenizer, read from an HF {@code tokenizer.json} through DJL's binding of
 * HF {@code tokenizers}. It never adds BOS/EOS, never truncates and never pads; decoding does no
 * clean-up of tokenization spaces (the tokenizer's {@code tokenizer_config.json} is not consulted).
 */
public final class QwenTokenizer implements AutoCloseable {
    /** {@code <|endoftext|>}: Qwen's BOS/pad, also a safe stop token. */
    public static final long END_OF_TEXT = 151_643;
    /** {@code <|im_start|>}. */
    public static final long IM_START = 151_644;
    /** {@code <|im_end|>}: the end of a chat turn, the stop token of generation. */
    public static final long IM_END = 151_645;
    /** The last added-token id of Qwen2.5; Qwen3's tokenizer.json adds {@code <tool_response>}…{@code </think>}. */
    public static final long QWEN25_LAST_ADDED_TOKEN = 151_664;

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;

    private QwenTokenizer(HuggingFaceTokenizer tokenizer, String source) {
        this.tokenizer = tokenizer;
        long[] imEnd = encode("<|im_end|>");
        if (imEnd.length != 1 || imEnd[0] != IM_END) {
            tokenizer.close();
            throw new IllegalArgumentException(source + " is not a Qwen2 tokenizer: '<|im_end|>' encodes to "
                    + Arrays.toString(imEnd) + " instead of [" + IM_END + "]");
        }
    }

    /** Loads {@code tokenizer.json} (the file, or a folder holding it) with all its added tokens. */
    public static QwenTokenizer load(Path tokenizerJson) {
        Path file = resolve(tokenizerJson);
        try (InputStream in = Files.newInputStream(file)) {
            return new QwenTokenizer(HuggingFaceTokenizer.newInstance(in, OPTIONS), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        }
    }

    /**
     * Loads {@code tokenizer.json} keeping only the added tokens with ids up to {@code lastAddedTokenId}, e.g.
     * {@link #QWEN25_LAST_ADDED_TOKEN} to get Qwen2.5's tokenizer from Qwen3's file (same vocab and merges).
     */
    public static QwenTokenizer load(Path tokenizerJson, long lastAddedTokenId) {
        Path file = resolve(tokenizerJson);
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = (ObjectNode) json.readTree(file.toFile());
            ArrayNode kept = json.createArrayNode();
            root.withArray("added_tokens").forEach(token -> {
                if (token.path("id").asLong() <= lastAddedTokenId) {
                    kept.add(token);
                }
            });
            root.set("added_tokens", kept);
            byte[] bytes = json.writeValueAsBytes(root);
            return new QwenTokenizer(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), OPTIONS),
                    file + " (added tokens ≤ " + lastAddedTokenId + ")");
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ids of {@code text}: added tokens split out first, the rest NFC + Qwen2 regex + byte-level BPE. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** The text of {@code ids}; with {@code skipSpecialTokens}, added tokens marked special are dropped. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static Path resolve(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no tokenizer.json at " + file);
        }
        return file;
    }
}
