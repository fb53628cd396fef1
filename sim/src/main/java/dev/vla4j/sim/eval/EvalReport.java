package dev.vla4j.sim.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.policy.report.Charts;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.rollout.Rollouts.TaskScore;
import dev.vla4j.sim.tasks.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one {@code vla4j sim eval} run: {@value #INFO} (per split, per task and overall: episodes,
 * successes, success rate, Wilson 95% interval, and for chains the mean number of instructions completed, CALVIN's
 * "average length"), the {@value #CHART} bar chart, a table for the terminal and a one-line JSON summary.
 */
public final class EvalReport {
    /** The run's result file. */
    public static final String INFO = "eval_info.json";
    /** Success rate per task, one series per split. */
    public static final String CHART = "success_per_task.png";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What was run.
     *
     * @param command the command line as typed
     * @param policy  expert, random, noop or the model folder
     */
    public record Run(String command, String policy, Suite suite, long seed, int episodesPerTask, int imageSize,
                      Instant started, Instant finished) {
    }

    private final Run run;
    private final Map<Split, List<TaskScore>> scores;
    private final BatchedRollouts.Batching batching;
    private final boolean chains;

    /** A report of {@code scores} per split (in order); {@code batching} is null for policies run without batches. */
    public EvalReport(Run run, Map<Split, List<TaskScore>> scores, BatchedRollouts.Batching batching) {
        this.run = run;
        this.scores = new LinkedHashMap<>(scores);
        this.batching = batching;
        this.chains = run.suite().tasks().stream().anyMatch(t -> t.goals().size() > 1);
    }

    /** The contents of {@value #INFO}. */
    public ObjectNode toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("command", run.command());
        json.put("policy", run.policy());
        json.put("suite", run.suite().name());
        json.put("seed", run.seed());
        json.put("episodes_per_task", run.episodesPerTask());
        json.put("image_size", run.imageSize());
        json.put("started", run.started().toString());
        json.put("finished", run.finished().toString());
        json.put("seconds", Duration.between(run.started(), run.finished()).toMillis() / 1000.0);
        ObjectNode splits = json.putObject("splits");
        scores.forEach((split, tasks) -> {
            ObjectNode node = splits.putObject(split.id());
            score(node.putObject("overall"), tasks);
            tasks.forEach(task -> {
                ObjectNode t = node.withArray("tasks").addObject();
                t.put("suite", task.suite());
                t.put("task", task.task());
                t.put("family", task.family());
                t.put("split", split.id());
                score(t, List.of(task));
            });
        });
        if (batching != null) {
            ObjectNode b = json.putObject("batching");
            b.put("policy_calls", batching.policyCalls());
            b.put("observations", batching.observations());
            b.put("largest_batch", batching.largestBatch());
            b.put("mean_batch", batching.meanBatch());
            b.put("execute_steps", batching.execution().executeSteps());
            if (batching.execution().ensembles()) {
                b.put("ensemble_decay", batching.execution().ensembleDecay());
            }
        }
        return json;
    }

    /** Pooled counts of {@code tasks} into {@code node}. */
    private void score(ObjectNode node, List<TaskScore> tasks) {
        int episodes = tasks.stream().mapToInt(TaskScore::episodes).sum();
        int successes = tasks.stream().mapToInt(TaskScore::successes).sum();
        WilsonInterval wilson = WilsonInterval.of(successes, episodes);
        node.put("episodes", episodes);
        node.put("successes", successes);
        node.put("success_rate", (double) successes / episodes);
        node.putArray("wilson_95").add(wilson.low()).add(wilson.high());
        if (chains) {
            node.put("avg_completed", tasks.stream().mapToInt(TaskScore::completed).sum() / (double) episodes);
        }
    }

    /** Writes {@value #INFO} and {@value #CHART} into {@code folder}. */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(INFO).toFile(), toJson());
        Map<String, List<Charts.Bar>> series = new LinkedHashMap<>();
        scores.forEach((split, tasks) -> series.put(split.id(), tasks.stream().map(t -> {
            WilsonInterval w = WilsonInterval.of(t.successes(), t.episodes());
            return new Charts.Bar(t.task(), t.successRate(), w.low(), w.high());
        }).toList()));
        Charts.bars(folder.resolve(CHART), run.suite().name() + ": " + run.policy() + ", "
                + run.episodesPerTask() + " episodes per task (Wilson 95%)", "success rate", series);
    }

    /** One line per task and split, and an overall line per split. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-13s %-30s %9s %7s %15s%s", "split", "task", "successes", "rate",
                "wilson 95%", chains ? "  avg len" : ""));
        scores.forEach((split, tasks) -> {
            tasks.forEach(t -> lines.add(row(split, t.task(), List.of(t))));
            lines.add(row(split, "overall", tasks));
        });
        return lines;
    }

    private String row(Split split, String name, List<TaskScore> tasks) {
        int episodes = tasks.stream().mapToInt(TaskScore::episodes).sum();
        int successes = tasks.stream().mapToInt(TaskScore::successes).sum();
        WilsonInterval w = WilsonInterval.of(successes, episodes);
        String length = chains ? String.format(Locale.ROOT, "  %7.2f",
                tasks.stream().mapToInt(TaskScore::completed).sum() / (double) episodes) : "";
        return String.format(Locale.ROOT, "%-13s %-30s %9s %6.1f%% %15s%s", split.id(), name,
                successes + "/" + episodes, 100.0 * successes / episodes,
                String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * w.low(), 100 * w.high()), length);
    }

    /** The overall score per split, with the run's identity, as one JSON line. */
    public String summaryLine() {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode full = toJson();
        json.put("suite", run.suite().name());
        json.put("policy", run.policy());
        json.put("episodes_per_task", run.episodesPerTask());
        json.put("seed", run.seed());
        scores.keySet().forEach(split -> json.set(split.id(), full.get("splits").get(split.id()).get("overall")));
        json.set("seconds", full.get("seconds"));
        return json.toString();
    }
}
