package dev.vla4j.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository (a ROS master, an MQTT broker, the golden vectors).
 *
 * <p>When it is missing, the test is skipped with its reason printed on the console, so it never passes
 * silently. When {@code -Dvla4j.requirePeers=true} (set by {@code .ci/run} through
 * {@code VLA4J_REQUIRE_PEERS=1}), a missing requirement fails the test instead: in CI nothing is skipped.
 */
public final class Requirements {
    private Requirements() {}

    /** True when missing peers must fail rather than skip. */
    public static boolean required() {
        return Boolean.getBoolean("vla4j.requirePeers");
    }

    /** Skips (or, in CI, fails) the current test because {@code what} is unavailable. */
    public static void missing(String what, String reason) {
        String message = what + " is unavailable: " + reason;
        if (required()) {
            Assertions.fail(message + " (vla4j.requirePeers=true, so this fails instead of skipping)");
        }
        System.err.println("[vla4j] SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
