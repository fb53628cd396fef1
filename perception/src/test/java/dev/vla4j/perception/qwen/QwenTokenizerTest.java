package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every case of {@code qwen_tokenizer_cases.json}, with Qwen3's added-token set as shipped and Qwen2.5's. */
class QwenTokenizerTest {

    private static JsonNode cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Golden.file("qwen_tokenizer_cases.json").toFile());
        return root.get("cases");
    }

    private static Path tokenizerFile() {
        return Golden.file("qwen-tokenizer/tokenizer.json");
    }

    @Test
    void allCasesMatchWithTheShippedAddedTokens() throws IOException {
        try (QwenTokenizer tokenizer = QwenTokenizer.load(tokenizerFile())) {
            assertEquals(71, checkAll(tokenizer, "ids"));
        }
    }

    @Test
    void allCasesMatchWithQwen25sAddedTokens() throws IOException {
        try (QwenTokenizer tokenizer = QwenTokenizer.load(tokenizerFile(), QwenTokenizer.QWEN25_LAST_ADDED_TOKEN)) {
            assertEquals(71, checkAll(tokenizer, "ids_qwen25"));
        }
    }

    /** Checks ids (the {@code idsField} where a case has it, else {@code ids}) and both decodes; returns the count. */
    private static int checkAll(QwenTokenizer tokenizer, String idsField) throws IOException {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (JsonNode c : cases()) {
            count++;
            String id = c.get("id").asText();
            long[] expected = longs(c.has(idsField) ? c.get(idsField) : c.get("ids"));
            long[] actual = tokenizer.encode(c.get("text").asText());
            if (!Arrays.equals(expected, actual)) {
                failures.add(id + ": ids " + Arrays.toString(actual) + " != "
                        + Arrays.toString(expected));
            }
            String decoded = tokenizer.decode(expected, false);
            if (!decoded.equals(c.get("decoded").asText())) {
                failures.add(id + ": decode gave '" + decoded + "'");
            }
            String skipped = tokenizer.decode(expected, true);
            if (!skipped.equals(c.get("decoded_skip_special").asText())) {
                failures.add(id + ": decode(skipSpecial) gave '" + skipped + "'");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " mismatch(es):\n" + String.join("\n", failures));
        return count;
    }

    @Test
    void qwen3OnlyTokensAreTextForQwen25() {
        try (QwenTokenizer qwen3 = QwenTokenizer.load(tokenizerFile());
             QwenTokenizer qwen25 = QwenTokenizer.load(tokenizerFile(), QwenTokenizer.QWEN25_LAST_ADDED_TOKEN)) {
            assertEquals(1, qwen3.encode("<think>").length);
            assertTrue(qwen25.encode("<think>").length > 1);
            assertArrayEquals(new long[] {QwenTokenizer.IM_START, QwenTokenizer.IM_END, QwenTokenizer.END_OF_TEXT},
                    qwen25.encode("<|im_start|><|im_end|><|endoftext|>"));
        }
    }

    @Test
    void longTextIsNotTruncated() {
        try (QwenTokenizer tokenizer = QwenTokenizer.load(tokenizerFile())) {
            String text = "1".repeat(2000); // one token per digit
            assertEquals(2000, tokenizer.encode(text).length);
        }
    }

    @Test
    void aTokenizerWithoutQwensSpecialTokensIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":"
                + "{\"type\":\"Whitespace\"},\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\","
                + "\"vocab\":{\"[UNK]\":0,\"hello\":1},\"unk_token\":\"[UNK]\"}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QwenTokenizer.load(dir));
        assertTrue(e.getMessage().contains("is not a Qwen2 tokenizer"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QwenTokenizer.load(dir));
        assertTrue(e.getMessage().contains("no tokenizer.json at " + dir.resolve("tokenizer.json")), e.getMessage());
    }

    static long[] longs(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToLong(JsonNode::asLong).toArray();
    }
}
