package dev.vla4j.policy;

/**
 * How a chunking policy's chunks become one action per control step, validated on construction.
 *
 * @param executeSteps  open loop (VLA-Adapter): actions of each chunk executed before the policy is asked again, ≥ 1;
 *                      1 when ensembling
 * @param ensembleDecay ACT temporal ensembling when ≥ 0: query every step and average the overlapping chunks' actions
 *                      for the current step, weighting the chunk made i steps after the oldest by exp(−m·i) (ACT: 0.01);
 *                      NaN for open loop
 */
public record ChunkExecution(int executeSteps, double ensembleDecay) {
    public ChunkExecution {
        if (executeSteps < 1) {
            throw new IllegalArgumentException("execute at least one action per chunk, got " + executeSteps);
        }
        if (!Double.isNaN(ensembleDecay) && (!(ensembleDecay >= 0) || Double.isInfinite(ensembleDecay)
                || executeSteps != 1)) {
            throw new IllegalArgumentException("the ensembling decay must be a finite number >= 0 (and an ensemble "
                    + "queries every step), got " + ensembleDecay + " with " + executeSteps + " steps per query");
        }
    }

    /** Open loop, re-querying every {@code executeSteps} actions. */
    public static ChunkExecution openLoop(int executeSteps) {
        return new ChunkExecution(executeSteps, Double.NaN);
    }

    /** ACT temporal ensembling with decay {@code m}. */
    public static ChunkExecution ensembled(double m) {
        if (Double.isNaN(m)) {
            throw new IllegalArgumentException("the ensembling decay must be a finite number >= 0, got NaN");
        }
        return new ChunkExecution(1, m);
    }

    /** Whether chunks are averaged (ACT) rather than executed open loop. */
    public boolean ensembles() {
        return !Double.isNaN(ensembleDecay);
    }

    @Override
    public String toString() {
        return ensembles() ? "temporal ensembling, decay " + ensembleDecay
                : "open loop, " + executeSteps + " action(s) per query";
    }
}
