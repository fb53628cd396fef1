package dev.vla4j.sim.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suites;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {
    @TempDir
    Path dir;

    private static EvalReport report(String suite, Map<Split, List<TaskScore>> scores) {
        return new EvalReport(new EvalReport.Run("vla4j sim eval ...", "expert", Suites.byName(suite), 7, 10, 128,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:02Z")), scores, null);
    }

    @Test
    void poolsTasksPerSplitAndReportsChainLengthsOnlyForChains() throws Exception {
        Map<Split, List<TaskScore>> scores = new LinkedHashMap<>();
        scores.put(Split.HELD_IN, List.of(
                new TaskScore("langtable-long", "chain-2", "chain", Split.HELD_IN, 10, 4, 14),
                new TaskScore("langtable-long", "chain-3", "chain", Split.HELD_IN, 10, 0, 9)));
        EvalReport report = report("langtable-long", scores);
        report.write(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(EvalReport.INFO).toFile());
        JsonNode overall = json.at("/splits/held-in/overall");
        assertEquals(20, overall.get("episodes").asInt());
        assertEquals(4, overall.get("successes").asInt());
        assertEquals(0.2, overall.get("success_rate").asDouble(), 1e-12);
        assertEquals(WilsonInterval.of(4, 20).low(), overall.get("wilson_95").get(0).asDouble(), 1e-12);
        assertEquals(23 / 20.0, overall.get("avg_completed").asDouble(), 1e-12);
        JsonNode chain3 = json.at("/splits/held-in/tasks/1");
        assertEquals("chain-3", chain3.get("task").asText());
        assertEquals(0.0, chain3.get("wilson_95").get(0).asDouble());
        assertEquals(0.9, chain3.get("avg_completed").asDouble(), 1e-12);
        assertEquals(2.0, json.get("seconds").asDouble());
        assertFalse(json.has("batching"));
        assertNotNull(ImageIO.read(dir.resolve(EvalReport.CHART).toFile()));
        assertEquals(1 + 3, report.table().size());
        assertTrue(report.table().get(3).contains("overall") && report.table().get(3).contains("1.15"));
        JsonNode line = new ObjectMapper().readTree(report.summaryLine());
        assertEquals(0.2, line.at("/held-in/success_rate").asDouble(), 1e-12);
    }

    @Test
    void singleInstructionSuitesHaveNoChainLength() {
        Map<Split, List<TaskScore>> scores = Map.of(Split.PERTURBED, List.of(
                new TaskScore("langtable-spatial", "nudge-block", "block2relativelocation", Split.PERTURBED, 5, 5, 5)));
        JsonNode json = report("langtable-spatial", scores).toJson();
        assertFalse(json.at("/splits/perturbation/overall").has("avg_completed"));
        assertEquals(1.0, json.at("/splits/perturbation/tasks/0/wilson_95/1").asDouble());
    }
}
