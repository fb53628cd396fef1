package dev.vla4j.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Turns chunks into one action per control step for K parallel streams (robots or simulated episodes), asking the
 * policy for the streams that need a new chunk in one batch.
 *
 * <ul>
 *   <li>Open loop (VLA-Adapter): execute the first {@code executeSteps} actions of a chunk,
 *   then query again.</li>
 *   <li>Temporal ensembling (ACT): query every step and average, for the current step, the actions that every
 *   still-covering chunk predicted for it, weighting the chunk made i steps after the oldest by exp(−m·i).</li>
 * </ul>
 *
 * <p>A chunk answers the instruction it was asked with: when a stream's instruction changes (the next goal of a
 * chained task, an operator's new command), that stream's queued actions are dropped and its next action comes from
 * a fresh query with the new instruction.
 *
 * <p>Each stream also keeps the frames of the step at which its current instruction began (since the last reset) and
 * shows them to the policy as {@link Observation#instructionStart} (unless the observation already carries some).
 */
public final class ChunkExecutor {
    private final Policy policy;
    private final ChunkExecution execution;
    private final List<Deque<Planned>> streams = new ArrayList<>();
    private final List<Integer> steps = new ArrayList<>();
    private final List<InstructionStart> starts = new ArrayList<>();

    private record Planned(int start, String instruction, ActionChunk chunk) {}

    /** The frames a stream saw when {@code instruction} began (null before its first step). */
    private record InstructionStart(String instruction, Map<String, RgbImage> frames) {}

    /** Executes {@code policy}'s chunks as {@code execution} says. */
    public ChunkExecutor(Policy policy, ChunkExecution execution) {
        this.policy = policy;
        this.execution = execution;
    }

    /** Open loop, re-querying every {@code executeSteps} actions. */
    public static ChunkExecutor openLoop(Policy policy, int executeSteps) {
        return new ChunkExecutor(policy, ChunkExecution.openLoop(executeSteps));
    }

    /** ACT temporal ensembling with decay {@code m} (ACT uses 0.01). */
    public static ChunkExecutor ensembled(Policy policy, double m) {
        return new ChunkExecutor(policy, ChunkExecution.ensembled(m));
    }

    /** Forgets everything (a new episode for every stream). */
    public void reset() {
        streams.clear();
        steps.clear();
        starts.clear();
    }

    /** Forgets stream {@code stream}'s chunks (a new episode on that stream only); its next call queries again. */
    public void reset(int stream) {
        if (stream < 0) {
            throw new IllegalArgumentException("stream index must be >= 0, got " + stream);
        }
        if (stream < streams.size()) {
            streams.get(stream).clear();
            steps.set(stream, 0);
            starts.set(stream, null);
        }
    }

    /** One action per observation; observation i always belongs to stream i. */
    public List<float[]> nextActions(List<Observation> observations) {
        while (streams.size() < observations.size()) {
            streams.add(new ArrayDeque<>());
            steps.add(0);
            starts.add(null);
        }
        for (int i = 0; i < observations.size(); i++) {
            keepInstructionStart(i, observations.get(i));
        }
        List<Integer> needing = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            Deque<Planned> plans = streams.get(i);
            int step = steps.get(i);
            String instruction = observations.get(i).instruction();
            plans.removeIf(p -> step - p.start() >= p.chunk().horizon() || !p.instruction().equals(instruction));
            boolean fresh = plans.isEmpty() || execution.ensembles()
                    || step - plans.peekLast().start() >= execution.executeSteps();
            if (fresh) {
                needing.add(i);
            }
        }
        if (!needing.isEmpty()) {
            List<ActionChunk> chunks = policy.predictChunks(needing.stream()
                    .map(i -> withInstructionStart(i, observations.get(i))).toList());
            for (int k = 0; k < needing.size(); k++) {
                int i = needing.get(k);
                if (!execution.ensembles()) {
                    streams.get(i).clear();
                }
                streams.get(i).addLast(new Planned(steps.get(i), observations.get(i).instruction(), chunks.get(k)));
            }
        }
        List<float[]> actions = new ArrayList<>(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            actions.add(actionAt(streams.get(i), steps.get(i)));
            steps.set(i, steps.get(i) + 1);
        }
        return actions;
    }

    public float[] nextAction(Observation observation) {
        return nextActions(List.of(observation)).get(0);
    }

    /** Keeps {@code observation}'s frames as stream {@code i}'s instruction start when its instruction began now. */
    private void keepInstructionStart(int i, Observation observation) {
        InstructionStart start = starts.get(i);
        if (start == null || !start.instruction().equals(observation.instruction())) {
            starts.set(i, new InstructionStart(observation.instruction(), observation.images()));
        }
    }

    /** {@code observation} with stream {@code i}'s kept instruction-start frames, unless it carries its own. */
    private Observation withInstructionStart(int i, Observation observation) {
        return observation.instructionStart().isEmpty()
                ? observation.withInstructionStart(starts.get(i).frames()) : observation;
    }

    private float[] actionAt(Deque<Planned> plans, int step) {
        if (!execution.ensembles()) {
            Planned current = plans.peekLast();
            return current.chunk().action(step - current.start());
        }
        float[] sum = null;
        double total = 0;
        int index = 0;
        for (Planned plan : plans) { // oldest first: weight exp(-m * index)
            double weight = Math.exp(-execution.ensembleDecay() * index++);
            float[] action = plan.chunk().action(step - plan.start());
            if (sum == null) {
                sum = new float[action.length];
            }
            for (int d = 0; d < action.length; d++) {
                sum[d] += (float) (weight * action[d]);
            }
            total += weight;
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= (float) total;
        }
        return sum;
    }
}
