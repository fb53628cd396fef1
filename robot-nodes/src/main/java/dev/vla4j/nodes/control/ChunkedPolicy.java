package dev.vla4j.nodes.control;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.ChunkExecutor;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;

/**
 * A policy executed open loop, chunk by chunk ({@link ChunkExecutor}): asks the policy for a new chunk when the
 * previous one's first {@code executeSteps} actions are used up, and remembers the latest chunk, when it was made
 * and how long the prediction took (for statuses and the web page's overlay). What every loop that lets a policy
 * drive shares: {@link ControllerNode} and the teleop backends' policy mode. Driven by one control thread;
 * {@link #predictMs()} may be read from any.
 */
public final class ChunkedPolicy {
    /** A chunk the policy made: at epoch ms {@code at}, in {@code ms} milliseconds. */
    public record Made(long at, ActionChunk chunk, double ms) {}

    private final Policy policy;
    private final ChunkExecutor executor;
    private Made made;
    private boolean fresh;
    private volatile double predictMs;

    public ChunkedPolicy(Policy policy, int executeSteps) {
        this.policy = policy;
        this.executor = ChunkExecutor.openLoop(this::timedPredict, executeSteps);
    }

    private ActionChunk timedPredict(Observation observation) {
        long start = System.nanoTime();
        ActionChunk chunk = policy.predictChunk(observation);
        predictMs = (System.nanoTime() - start) / 1e6;
        made = new Made(System.currentTimeMillis(), chunk, predictMs);
        fresh = true;
        return chunk;
    }

    /** The next action for {@code observation}: from the chunk being executed, or from a new one. */
    public float[] nextAction(Observation observation) {
        return executor.nextAction(observation);
    }

    /** Drops the chunk being executed (the next action asks the policy again) and forgets it. */
    public void reset() {
        executor.reset();
        made = null;
        fresh = false;
    }

    /** The chunk made since the last call, or null. */
    public Made takeNew() {
        Made result = fresh ? made : null;
        fresh = false;
        return result;
    }

    /** Whether a chunk is being executed (one was made since the last {@link #reset()}). */
    public boolean executing() {
        return made != null;
    }

    /** How long the latest prediction took, milliseconds (0 before the first). */
    public double predictMs() {
        return predictMs;
    }
}
