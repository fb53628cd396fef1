package dev.vla4j.perception.qwen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FastVLM and VLA-Adapter prompts against the golden tokenizer cases that hold them. */
class QwenPromptsTest {
    private static QwenTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = QwenTokenizer.load(Golden.file("qwen-tokenizer/tokenizer.json"),
                QwenTokenizer.QWEN25_LAST_ADDED_TOKEN);
    }

    /** Null-safe: when the golden tokenizer is absent, {@link #load} skips the class before loading anything. */
    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    private static JsonNode goldenCase(String id) throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Golden.file("qwen_tokenizer_cases.json").toFile()).get("cases");
        return StreamSupport.stream(cases.spliterator(), false).filter(c -> c.get("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no golden case " + id));
    }

    @Test
    void vlaAdapterPromptIsTheLiberoCaseExactly() throws IOException {
        JsonNode golden = goldenCase("vla_adapter_prompt");
        String prompt = QwenPrompts.vlaAdapter("Put both the alphabet soup and the tomato sauce in the basket");
        assertEquals(golden.get("text").asText(), prompt);
        long[] ids = tokenizer.encode(prompt);
        assertArrayEquals(QwenTokenizerTest.longs(golden.get("ids")), ids);
        assertEquals(49, ids.length);
        assertEquals(QwenTokenizer.IM_START, ids[0]);
    }

    @Test
    void fastVlmPromptIsTheGoldenCase() throws IOException {
        JsonNode golden = goldenCase("fastvlm_prompt");
        String prompt = QwenPrompts.fastVlm("Describe the image.");
        assertEquals(golden.get("text").asText(), prompt);
        assertArrayEquals(QwenTokenizerTest.longs(golden.get("ids")), tokenizer.encode(prompt));
    }

    /**
     * Split at {@code <image>}, each chunk tokenised alone: the first chunk equals the golden ids before
     * '<', 'image', '>Ċ'; the second starts with the lone newline 'Ċ' (id taken from the golden tokens), then
     * the golden ids after '>Ċ'.
     */
    @Test
    void fastVlmImageSplitPutsTheSentinelWhereTheImageGoes() throws IOException {
        JsonNode golden = goldenCase("fastvlm_prompt");
        long[] goldenIds = QwenTokenizerTest.longs(golden.get("ids"));
        List<String> tokens = StreamSupport.stream(golden.get("tokens").spliterator(), false)
                .map(JsonNode::asText).toList();
        int open = tokens.indexOf("<");
        assertEquals(List.of("<", "image", ">Ċ"), tokens.subList(open, open + 3));
        long newline = goldenIds[tokens.indexOf("Ċ")];
        long[] expected = LongStream.concat(LongStream.concat(LongStream.of(goldenIds).limit(open),
                        LongStream.of(QwenPrompts.IMAGE_TOKEN_INDEX, newline)),
                LongStream.of(goldenIds).skip(open + 3)).toArray();

        long[] ids = QwenPrompts.tokenizeWithImages(tokenizer, QwenPrompts.fastVlm("Describe the image."));
        assertArrayEquals(expected, ids);
        assertArrayEquals(new int[] {open}, QwenPrompts.imagePositions(ids));
    }

    @Test
    void everyImageGetsOneSentinelIncludingAtTheEdges() {
        long[] ids = QwenPrompts.tokenizeWithImages(tokenizer, "<image><image>a<image>");
        long a = tokenizer.encode("a")[0];
        long s = QwenPrompts.IMAGE_TOKEN_INDEX;
        assertArrayEquals(new long[] {s, s, a, s}, ids);
        assertArrayEquals(new int[] {0, 1, 3}, QwenPrompts.imagePositions(ids));
        assertArrayEquals(tokenizer.encode("no image here"), QwenPrompts.tokenizeWithImages(tokenizer, "no image here"));
    }
}
