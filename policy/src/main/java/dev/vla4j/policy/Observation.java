package dev.vla4j.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy sees at one control step: camera frames by name (primary camera first), the robot's state
 * (proprioception, in the units of its {@link ActionSpace}'s dataset), and the language instruction.
 */
public record Observation(Map<String, RgbImage> images, float[] state, String instruction) {
    public Observation {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("an observation needs at least one camera image");
        }
        images = new LinkedHashMap<>(images);
        state = state.clone();
        for (int i = 0; i < state.length; i++) {
            if (!Float.isFinite(state[i])) {
                throw new IllegalArgumentException("state[" + i + "] is " + state[i] + "; the state must be finite");
            }
        }
        instruction = instruction == null ? "" : instruction;
    }

    /** The first camera's frame. */
    public RgbImage primaryImage() {
        return images.values().iterator().next();
    }

    @Override
    public Map<String, RgbImage> images() {
        return java.util.Collections.unmodifiableMap(images);
    }

    @Override
    public float[] state() {
        return state.clone();
    }
}
