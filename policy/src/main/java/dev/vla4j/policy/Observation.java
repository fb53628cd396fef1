package dev.vla4j.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy sees at one control step: camera frames by name (primary camera first), the robot's state
 * (proprioception, in the units of its {@link ActionSpace}'s dataset), and the language instruction; a simulator
 * also gives its privileged {@code environmentState} (LeRobot's {@code observation.environment_state}, e.g. where the
 * named block is), which real robots do not have (empty then). {@code instructionStart} holds the camera frames of
 * the step at which the current instruction began, kept by whoever runs the episode ({@link ChunkExecutor} does): a
 * relative instruction ("nudge the red block left") is judged against where things were then, which the current
 * frame no longer shows once they moved. Empty when this observation is that step, or when nobody kept it.
 */
public record Observation(Map<String, RgbImage> images, float[] state, String instruction, float[] environmentState,
                          Map<String, RgbImage> instructionStart) {
    /** An observation of a robot without privileged state. */
    public Observation(Map<String, RgbImage> images, float[] state, String instruction) {
        this(images, state, instruction, new float[0]);
    }

    /** An observation without the instruction's first frames. */
    public Observation(Map<String, RgbImage> images, float[] state, String instruction, float[] environmentState) {
        this(images, state, instruction, environmentState, Map.of());
    }

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
        instructionStart = instructionStart == null ? Map.of() : new LinkedHashMap<>(instructionStart);
        environmentState = environmentState == null ? new float[0] : environmentState.clone();
        for (int i = 0; i < environmentState.length; i++) {
            if (!Float.isFinite(environmentState[i])) {
                throw new IllegalArgumentException("environmentState[" + i + "] is " + environmentState[i]
                        + "; it must be finite");
            }
        }
    }

    /** The first camera's frame. */
    public RgbImage primaryImage() {
        return images.values().iterator().next();
    }

    /** This observation with {@code frames} as the frames of the step at which its instruction began. */
    public Observation withInstructionStart(Map<String, RgbImage> frames) {
        return new Observation(images, state, instruction, environmentState, frames);
    }

    /** The frames of the step at which the instruction began: {@link #instructionStart}, or this step's when empty. */
    public Map<String, RgbImage> instructionStartOrNow() {
        return instructionStart.isEmpty() ? images() : instructionStart();
    }

    @Override
    public Map<String, RgbImage> images() {
        return java.util.Collections.unmodifiableMap(images);
    }

    @Override
    public Map<String, RgbImage> instructionStart() {
        return java.util.Collections.unmodifiableMap(instructionStart);
    }

    @Override
    public float[] state() {
        return state.clone();
    }

    @Override
    public float[] environmentState() {
        return environmentState.clone();
    }
}
