package dev.vla4j.nodes.web.sim;

import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;

/** Remembers the last chunk the policy made and how long it took. */
final class TimedPolicy implements Policy {
    record Made(long at, ActionChunk chunk, double ms) {}

    private final Policy inner;
    private Made made;
    private boolean fresh;

    TimedPolicy(Policy inner) {
        this.inner = inner;
    }

    @Override
    public ActionChunk predictChunk(Observation observation) {
        long t0 = System.nanoTime();
        ActionChunk chunk = inner.predictChunk(observation);
        made = new Made(System.currentTimeMillis(), chunk, (System.nanoTime() - t0) / 1e6);
        fresh = true;
        return chunk;
    }

    /** The chunk made since the last call, or null. */
    Made takeNew() {
        Made result = fresh ? made : null;
        fresh = false;
        return result;
    }

    boolean executing() {
        return made != null;
    }

    void forget() {
        made = null;
        fresh = false;
    }
}
