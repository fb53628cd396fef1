package dev.vla4j.sim.archfixture;

import dev.vla4j.perception.engine.TensorEngine;

/** A deliberate violation of DESIGN.md §2 (sim may use only policy), for ArchitectureTest to catch. */
public final class SimReachingIntoPerception {
    private SimReachingIntoPerception() {}

    public static String cache() {
        return TensorEngine.cacheDir();
    }
}
