package dev.vla4j.sim;

import java.util.Map;

/**
 * Outcome of one control step.
 *
 * @param observation what the policy sees now
 * @param reward      1 on the step an instruction is completed, else 0 (sparse, as Language-Table)
 * @param done        the episode is over: every instruction completed, or the current one ran out of steps
 * @param success     every instruction of the episode has been completed
 * @param info        "completed" (instructions done), "goals" (instructions in the episode), "step" (steps taken),
 *                    "family" (family of the current instruction)
 */
public record StepResult(Observation observation, double reward, boolean done, boolean success,
                         Map<String, Object> info) {
    /** Copies the info map. */
    public StepResult {
        info = Map.copyOf(info);
    }
}
