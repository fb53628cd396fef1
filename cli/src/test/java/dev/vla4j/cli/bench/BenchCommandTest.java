package dev.vla4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.cli.Vla4j;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code vla4j bench} end to end on tiny configs: JSON lines with every field, and clear option errors. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--tiny", "--warmup", "1", "--reps", "2", "--calls-for-memory", "2"};

    private record Result(int exitCode, String out, String err) {
        List<JsonNode> lines() throws IOException {
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                parsed.add(JSON.readTree(line)); // every stdout line must be one JSON object
            }
            return parsed;
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Vla4j());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] args(String bench, String... more) {
        List<String> all = new ArrayList<>(List.of("bench", bench));
        all.addAll(List.of(FAST));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The fields every line carries, with their types; no wall-clock value is compared with a bound. */
    private static void assertCompleteLine(JsonNode line, String bench, String variant, int threads, int reps) {
        assertEquals(bench, line.get("case").asText(), line.toString());
        assertEquals(variant, line.get("variant").asText(), line.toString());
        assertEquals("tiny", line.get("config").asText());
        assertEquals(threads, line.get("threads").asInt());
        assertTrue(line.get("interop_threads").isInt());
        assertFalse(line.get("grad_mode").asBoolean(), "the measuring thread must run without grad mode");
        assertEquals(1, line.get("batch").asInt());
        assertEquals(1, line.get("warmup").asInt());
        assertEquals(reps, line.get("reps").asInt());
        JsonNode latency = line.get("latency_ms");
        double min = latency.get("min").asDouble();
        double median = latency.get("median").asDouble();
        double p99 = latency.get("p99").asDouble();
        assertTrue(min > 0 && min <= median && median <= p99, latency.toString());
        for (String key : List.of("reference_min_ms", "ratio_to_reference", "gflop_per_call", "gflops_at_min",
                "reference_peak_rss_mib")) {
            assertTrue(line.get(key).isNull(), key + " must be null for a tiny config: " + line);
        }
        assertTrue(line.get("peak_rss_mib").asDouble() > 0, line.toString());
        assertTrue(line.get("peak_rss_reset").isBoolean());
        JsonNode loop = line.get("memory_loop");
        assertEquals(2, loop.get("calls").asInt());
        assertTrue(loop.get("rss_before_mib").asDouble() > 0 && loop.get("rss_after_mib").asDouble() > 0);
        assertEquals(loop.get("rss_after_mib").asDouble() - loop.get("rss_before_mib").asDouble(),
                loop.get("rss_delta_mib").asDouble(), 0.11);
        assertTrue(loop.get("growth_pct").isNumber());
        assertEquals(10.0, loop.get("bound_pct").asDouble());
        assertEquals(0, loop.get("arrays_left").asInt(), "calls must leave no arrays in the model's manager");
        assertTrue(loop.get("java_heap_before_mib").asDouble() > 0 && loop.get("java_heap_after_mib").asDouble() > 0);
        assertTrue(line.get("output_rms").asDouble() > 0, "the output must not vanish: " + line);
        assertTrue(line.get("loadavg_1m").isNumber());
        assertEquals(0, line.get("seed").asInt());
        assertTrue(line.get("engine").asText().startsWith("PyTorch"));
    }

    @Test
    void headMeasuresEachVariantAtEachThreadCount() throws IOException {
        Result result = run(args("head", "--variant", "pro,v1", "--threads", "1,2"));
        assertEquals(0, result.exitCode(), result.err());
        List<JsonNode> lines = result.lines();
        assertEquals(4, lines.size(), result.out());
        assertCompleteLine(lines.get(0), "head", "pro", 1, 2);
        assertCompleteLine(lines.get(1), "head", "pro", 2, 2);
        assertCompleteLine(lines.get(2), "head", "v1", 1, 2);
        assertCompleteLine(lines.get(3), "head", "v1", 2, 2);
        assertTrue(result.err().contains("vla4j bench: head pro (tiny) threads=1: rep 2/2"), result.err());
    }

    @Test
    void vlmMeasuresDecoderOnlyAndCausalLmUnlessToldOtherwise() throws IOException {
        List<JsonNode> both = run(args("vlm", "--tokens", "12", "--threads", "1")).lines();
        assertEquals(2, both.size());
        assertCompleteLine(both.get(0), "vlm", VlmBenchCommand.DECODER_ONLY, 1, 2);
        assertCompleteLine(both.get(1), "vlm", VlmBenchCommand.CAUSAL_LM, 1, 2);
        assertEquals(12, both.get(0).get("tokens").asInt());

        List<JsonNode> logitsOnly = run(args("vlm", "--tokens", "12", "--threads", "1", "--logits")).lines();
        assertEquals(List.of(VlmBenchCommand.CAUSAL_LM), logitsOnly.stream().map(l -> l.get("variant").asText()).toList());
        List<JsonNode> decoderOnly = run(args("vlm", "--tokens", "12", "--threads", "1", "--no-logits")).lines();
        assertEquals(List.of(VlmBenchCommand.DECODER_ONLY),
                decoderOnly.stream().map(l -> l.get("variant").asText()).toList());
    }

    @Test
    void visionMeasuresEachImageSize() throws IOException {
        Result result = run(args("vision", "--size", "64,128", "--threads", "2"));
        assertEquals(0, result.exitCode(), result.err());
        List<JsonNode> lines = result.lines();
        assertEquals(2, lines.size());
        assertCompleteLine(lines.get(0), "vision", "fastvithd", 2, 2);
        assertEquals(64, lines.get(0).get("image_size").asInt());
        assertEquals(128, lines.get(1).get("image_size").asInt());
    }

    /** Same seed, same random weights and inputs, same output; another seed, another output. */
    @Test
    void theSeedFixesTheWeightsAndInputs() throws IOException {
        double first = run(args("vlm", "--tokens", "8", "--threads", "1", "--no-logits")).lines().get(0)
                .get("output_rms").asDouble();
        double again = run(args("vlm", "--tokens", "8", "--threads", "1", "--no-logits")).lines().get(0)
                .get("output_rms").asDouble();
        double other = run(args("vlm", "--tokens", "8", "--threads", "1", "--no-logits", "--seed", "7")).lines().get(0)
                .get("output_rms").asDouble();
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void benchIsListedAndNeedsASubcommand() {
        assertTrue(run("--help").out().contains("bench"));
        Result bare = run("bench");
        assertEquals(2, bare.exitCode());
        assertTrue(bare.err().contains("Missing subcommand: head, vlm, vision, sim or loop."), bare.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "head --threads 0          | --threads: every thread count must be at least 1, got 0",
            "head --threads 1,-2       | --threads: every thread count must be at least 1, got -2",
            "head --variant v2         | Invalid value for option '--variant' (pro|v1): expected one of [pro, v1]",
            "head --reps -1            | --reps must be at least 1, got -1",
            "head --warmup 0           | --warmup must be at least 1, got 0",
            "head --calls-for-memory 0 | --calls-for-memory must be at least 1, got 0",
            "head --max-rss-growth -5  | --max-rss-growth must be 0 or more, got -5.0",
            "vlm --tokens 0            | --tokens: 0 is outside 1..32768",
            "vlm --tokens 40000        | --tokens: 40000 is outside 1..32768",
            "vision --size 32          | --size: 32 is smaller than FastViTHD's total stride 64",
            "vision --size abc         | Invalid value for option '--size'"})
    void badOptionsAreRefusedByName(String command, String message) {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(command.trim().split(" +")));
        Result result = run(all.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(message.trim()), result.err());
        assertTrue(result.out().isEmpty(), "nothing may be measured: " + result.out());
    }
}
