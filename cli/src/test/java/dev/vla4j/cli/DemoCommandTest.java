package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The demo's whole stack (embedded broker, sim-robot node, controller node with the expert) in headless mode. */
class DemoCommandTest {

    @Test
    void headlessEpisodesRunThroughTheBrokerAndReportASuccessRate() throws Exception {
        CliRun run = CliRun.of("demo", "--headless", "--episodes", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("episodes succeeded"), run.out());
        JsonNode summary = new ObjectMapper().readTree(run.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(2, summary.get("episodes").asInt());
        assertEquals("expert", summary.get("policy").asText());
        double rate = summary.get("success_rate").asDouble();
        assertTrue(rate >= 0 && rate <= 1, summary.toString());
        assertTrue(summary.get("wilson_95").get(0).asDouble() <= rate, summary.toString());
    }

    @Test
    void badInputIsRefusedBeforeAnythingStarts() {
        assertEquals(BadInput.EXIT, CliRun.of("demo", "--episodes", "0").code());
        CliRun suite = CliRun.of("demo", "--headless", "--suite", "nope");
        assertEquals(BadInput.EXIT, suite.code());
        assertTrue(suite.err().contains("nope"), suite.err());
        CliRun policy = CliRun.of("demo", "--headless", "--policy", "no/such/folder");
        assertTrue(policy.err().contains("--policy must be expert or a trained policy folder"), policy.err());
    }
}
