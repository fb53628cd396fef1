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

class LoopBenchCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(command.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void theTinyLoopPrintsOneJsonLineWithTheRates() throws Exception {
        String[] result = run("loop", "--preset", "tiny", "--chunks", "3", "--warmup", "1");
        assertEquals("0", result[0], result[2]);
        JsonNode line = new ObjectMapper().readTree(result[1].strip());
        assertEquals("loop", line.get("case").asText());
        assertEquals(3, line.get("chunks").asInt());
        assertTrue(line.get("chunks_per_s").asDouble() > 0, line.toString());
        assertTrue(line.get("actions_per_s").asDouble() > 0, line.toString());
        assertTrue(line.get("chunk_latency_ms").get("p99").asDouble() >= line.get("chunk_latency_ms").get("min").asDouble());
        assertEquals(1, line.get("intra_op_threads").asInt());
    }

    @Test
    void badCountsAreRefused() {
        assertEquals("2", run("loop", "--chunks", "0")[0]);
        assertEquals("2", run("loop", "--preset", "huge")[0]);
        assertTrue(Vla4j.class.getName().endsWith("Vla4j"));
    }
}
