package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.policy.ActionSpace;
import dev.vla4j.policy.QuantileNormalizer;
import dev.vla4j.policy.vla.PolicyMetadata;
import dev.vla4j.policy.vla.VlaCheckpoint;
import dev.vla4j.policy.vla.VlaConfig;
import dev.vla4j.policy.vla.VlaModel;
import dev.vla4j.policy.vla.WordTokenizer;
import dev.vla4j.sim.eval.EvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimEvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode evalInfo(Path run) throws Exception {
        return JSON.readTree(run.resolve(EvalReport.INFO).toFile());
    }

    @Test
    void expertEvaluationWritesResultsWithIntervalsAroundTheRatesAndBothPlots() throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("sim", "eval", "--suite", "langtable-spatial", "--policy", "expert",
                "--episodes-per-task", "2", "--seed", "9", "--image-size", "64", "--threads", "2", "--out",
                out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode info = evalInfo(out);
        assertEquals("expert", info.get("policy").asText());
        assertEquals(9, info.get("seed").asLong());
        assertTrue(info.get("command").asText().startsWith("vla4j sim eval --suite langtable-spatial"));
        for (String split : List.of("held-in", "perturbation")) {
            JsonNode tasks = info.at("/splits/" + split + "/tasks");
            assertEquals(5, tasks.size());
            List<JsonNode> all = new ArrayList<>();
            tasks.forEach(all::add);
            all.add(info.at("/splits/" + split + "/overall"));
            for (JsonNode t : all) {
                double rate = t.get("success_rate").asDouble();
                double low = t.get("wilson_95").get(0).asDouble();
                double high = t.get("wilson_95").get(1).asDouble();
                assertEquals(t.get("successes").asDouble() / t.get("episodes").asDouble(), rate, 1e-12);
                assertTrue(0 <= low && low <= rate && rate <= high && high <= 1, t.toString());
            }
            assertEquals(10, info.at("/splits/" + split + "/overall/episodes").asInt());
            assertTrue(info.at("/splits/" + split + "/overall/success_rate").asDouble() >= 0.8, info.toString());
        }
        assertNotNull(ImageIO.read(out.resolve(EvalReport.CHART).toFile()));
        assertNotNull(ImageIO.read(out.resolve(SimEvalCommand.FILMSTRIP).toFile()));
        String[] lines = run.out().trim().split("\n");
        assertEquals(0.0 + info.at("/splits/held-in/overall/success_rate").asDouble(),
                JSON.readTree(lines[lines.length - 1]).at("/held-in/success_rate").asDouble());
        assertTrue(run.out().contains("block-to-center"), run.out());
    }

    @Test
    void standingStillSucceedsNowhere() throws Exception {
        Path out = dir.resolve("noop");
        CliRun run = CliRun.of("sim", "eval", "--suite", "langtable-goal", "--policy", "noop", "--split", "held-in",
                "--episodes-per-task", "2", "--image-size", "64", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode info = evalInfo(out);
        assertEquals(0, info.at("/splits/held-in/overall/successes").asInt());
        assertFalse(info.at("/splits").has("perturbation"));
    }

    /** An untrained tiny policy that fits the simulator. */
    private Path tinyPolicy() {
        Path model = dir.resolve("tiny-policy");
        VlaConfig config = VlaConfig.tiny(2, 4);
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            VlaCheckpoint.save(model, VlaModel.random(config, manager, 3), new PolicyMetadata(config,
                    ActionSpace.continuous(new float[] {-0.05f, -0.05f}, new float[] {0.05f, 0.05f}),
                    QuantileNormalizer.of(new float[] {0.15f, -0.3f, -0.5f, -0.5f}, new float[] {0.6f, 0.3f, 0.5f, 0.5f}),
                    List.of("top"), WordTokenizer.fromInstructions(List.of("push the red moon to the left")).words()));
        }
        return model;
    }

    @Test
    void agreementPrintsOneJsonLinePerExpertPhaseAndRefusesWhatIsNotAModel() throws Exception {
        Path model = tinyPolicy();
        CliRun run = CliRun.of("sim", "agreement", "--suite", "langtable-spatial", "--policy", model.toString(),
                "--episodes-per-task", "1", "--image-size", "64");
        assertEquals(0, run.code(), run.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(List.of("travel", "push", "fine"), lines.stream().map(l -> l.get("phase").asText()).toList());
        JsonNode travel = lines.get(0);
        assertTrue(travel.get("steps").asLong() > 0 && travel.get("mean_error_mm").asDouble() > 0, travel.toString());
        assertTrue(Math.abs(travel.get("mean_cosine").asDouble()) <= 1, travel.toString());
        for (JsonNode line : lines) {
            boolean empty = line.get("steps").asLong() == 0;
            assertEquals(empty, line.get("mean_error_mm").isNull(), "a phase without steps has no mean: " + line);
        }
        CliRun notAModel = CliRun.of("sim", "agreement", "--suite", "langtable-spatial", "--policy",
                Files.createDirectories(dir.resolve("empty")).toString());
        assertEquals(BadInput.EXIT, notAModel.code());
        assertTrue(notAModel.err().contains("has no policy_config.json"), notAModel.err());
    }

    @Test
    void aModelFolderRunsInBatchesAndWritesTheSameFiles() throws Exception {
        Path model = tinyPolicy();
        Path out = dir.resolve("model-run");
        CliRun run = CliRun.of("sim", "eval", "--suite", "langtable-spatial", "--policy", model.toString(),
                "--split", "held-in", "--episodes-per-task", "1", "--batch", "4", "--threads", "2",
                "--image-size", "64", "--execute-steps", "4", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode info = evalInfo(out);
        assertEquals(4, info.at("/batching/execute_steps").asInt(), info.toString());
        assertEquals(5, info.at("/splits/held-in/overall/episodes").asInt());
        assertEquals(5, info.at("/splits/held-in/tasks").size());
        assertEquals(4, info.at("/batching/largest_batch").asInt(), info.toString());
        assertTrue(info.at("/batching/policy_calls").asLong() < info.at("/batching/observations").asLong());
        assertTrue(Files.isRegularFile(out.resolve(EvalReport.CHART)));
        assertNotNull(ImageIO.read(out.resolve(SimEvalCommand.FILMSTRIP).toFile()));
        CliRun tooMany = CliRun.of("sim", "eval", "--suite", "langtable-spatial", "--policy", model.toString(),
                "--execute-steps", "9", "--out", dir.resolve("too-many").toString());
        assertEquals(BadInput.EXIT, tooMany.code());
        assertTrue(tooMany.err().contains("--execute-steps 9 exceeds the policy's chunk of 8"), tooMany.err());
        CliRun noisy = CliRun.of("sim", "eval", "--suite", "langtable-spatial", "--policy", model.toString(),
                "--privileged-noise", "0.01", "--out", dir.resolve("noisy").toString());
        assertEquals(BadInput.EXIT, noisy.code());
        assertTrue(noisy.err().contains("reads none"), "only a privileged-state policy has state to perturb: "
                + noisy.err());

        Path ensembled = dir.resolve("ensembled-run");
        CliRun ensemble = CliRun.of("sim", "eval", "--suite", "langtable-spatial", "--task", "block-to-center",
                "--policy", model.toString(), "--split", "held-in", "--episodes-per-task", "1", "--image-size", "64",
                "--ensemble", "0.01", "--out", ensembled.toString());
        assertEquals(0, ensemble.code(), ensemble.err());
        JsonNode batching = evalInfo(ensembled).get("batching");
        assertEquals(0.01, batching.get("ensemble_decay").asDouble(), batching.toString());
        assertEquals(batching.get("policy_calls").asLong(), batching.get("observations").asLong(),
                "an ensemble asks every step: " + batching);
    }

    @Test
    void badInputIsRefusedWithExitCode2() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
        String out = dir.resolve("out").toString();
        List<List<String>> cases = List.of(
                List.of("--suite", "langtable-nope", "--policy", "expert", "--out", out),
                List.of("--suite", "langtable-goal", "--task", "juggle", "--policy", "expert", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "genius", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", notAModel.toString(), "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--episodes-per-task", "-1", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--split", "all", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--out", file.resolve("run").toString()),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--execute-steps", "2", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--execute-steps", "0", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--ensemble", "-1", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--ensemble", "0.01", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--privileged-noise", "-1", "--out", out),
                List.of("--suite", "langtable-goal", "--policy", "expert", "--privileged-noise", "0.01", "--out", out));
        List<String> expected = List.of("unknown suite 'langtable-nope'", "unknown task 'juggle'",
                "unknown policy 'genius'", "has no policy_config.json", "--episodes-per-task must be at least 1",
                "unknown split 'all'", "cannot write results to", "the expert policy acts one step at a time",
                "--execute-steps must be at least 1", "--ensemble takes a finite decay >= 0",
                "the expert policy acts one step at a time", "--privileged-noise takes a finite standard deviation",
                "the expert policy reads the simulator directly");
        for (int i = 0; i < cases.size(); i++) {
            List<String> args = new ArrayList<>(List.of("sim", "eval"));
            args.addAll(cases.get(i));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(BadInput.EXIT, run.code(), args + ": " + run.err());
            assertTrue(run.err().startsWith("vla4j sim eval: ") && run.err().contains(expected.get(i)),
                    args + ": " + run.err());
        }
    }
}
