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
}
