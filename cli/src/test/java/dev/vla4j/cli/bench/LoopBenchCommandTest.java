package dev.vla4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.cli.Vla4j;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vla4j bench loop} through an embedded broker: one JSON line per camera rate with every field. */
class LoopBenchCommandTest {
    @Test
    void printsOneJsonLinePerRate() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Vla4j());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute("bench", "loop", "--transport", "mqtt", "--embedded-broker", "--broker",
                "tcp://127.0.0.1:0", "--camera-hz", "20", "--seconds", "1", "--warmup-seconds", "0.5",
                "--image-size", "64");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out.toString());
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertEquals("loop", json.get("case").asText());
        assertEquals("mqtt", json.get("transport").asText());
        assertEquals(20.0, json.get("camera_hz").asDouble());
        assertTrue(json.get("frames_published").asInt() >= 10, lines[0]);
        assertTrue(json.get("frames_answered").asInt() >= 5, lines[0]);
        double median = json.get("latency_ms").get("median").asDouble();
        assertTrue(median > 0 && median <= json.get("latency_ms").get("p99").asDouble(), lines[0]);
        assertTrue(json.get("sustained_hz").asDouble() > 0, lines[0]);
        assertTrue(json.has("loadavg_1m"), lines[0]);
    }

    private static String[] runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(command.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void withoutATransportTheTinyPolicyLoopPrintsItsChunkRate() throws Exception {
        String[] result = runInProcess("loop", "--preset", "tiny", "--chunks", "3", "--warmup", "1");
        assertEquals("0", result[0], result[2]);
        JsonNode line = new ObjectMapper().readTree(result[1].strip());
        assertEquals("in-process", line.get("transport").asText());
        assertEquals(3, line.get("chunks").asInt());
        assertTrue(line.get("chunks_per_s").asDouble() > 0, line.toString());
        assertTrue(line.get("actions_per_s").asDouble() > 0, line.toString());
        assertTrue(line.get("chunk_latency_ms").get("p99").asDouble() >= line.get("chunk_latency_ms").get("min").asDouble());
        assertEquals(1, line.get("intra_op_threads").asInt());
        assertEquals("2", runInProcess("loop", "--chunks", "0")[0]);
        assertEquals("2", runInProcess("loop", "--preset", "huge")[0]);
    }
}
