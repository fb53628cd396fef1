package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.sim.tasks.Suites;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSimCommandTest {
    @Test
    void printsOneJsonLinePerSuiteAndOneForRecording() throws Exception {
        CliRun run = CliRun.of("bench", "sim", "--steps", "50", "--warmup", "10", "--episodes", "1", "--image-size", "64");
        assertEquals(0, run.code(), run.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().trim().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(Suites.ALL.size() + 1, lines.size(), run.out());
        for (int i = 0; i < Suites.ALL.size(); i++) {
            JsonNode steps = lines.get(i);
            assertEquals("sim.steps", steps.get("bench").asText());
            assertEquals(Suites.ALL.get(i).name(), steps.get("suite").asText());
            assertEquals(50, steps.get("steps").asInt());
            assertEquals(64, steps.get("image_size").asInt());
            assertTrue(steps.get("steps_per_second").asDouble() > 0);
            assertTrue(steps.has("loadavg"));
        }
        JsonNode record = lines.get(lines.size() - 1);
        assertEquals("sim.record", record.get("bench").asText());
        assertEquals(1, record.get("episodes").asInt());
        assertTrue(record.get("frames").asInt() > 0 && record.get("episodes_per_second").asDouble() > 0);
    }

    @Test
    void badCountsAreRefused() {
        CliRun steps = CliRun.of("bench", "sim", "--steps", "0");
        assertEquals(BadInput.EXIT, steps.code());
        assertTrue(steps.err().contains("--steps must be at least 1"), steps.err());
        CliRun episodes = CliRun.of("bench", "sim", "--episodes", "-2");
        assertEquals(BadInput.EXIT, episodes.code());
        assertTrue(episodes.err().contains("episodes must be at least 1"), episodes.err());
    }
}
