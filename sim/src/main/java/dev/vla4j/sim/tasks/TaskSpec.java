package dev.vla4j.sim.tasks;

import java.util.List;

/**
 * One task of a suite: a scene recipe and a chain of goal samplers (one for single-instruction tasks, 2–5 for
 * long-horizon ones), each goal allowed {@code stepsPerGoal} control steps.
 *
 * @param name         id within the suite, e.g. "block-to-corner"
 * @param family       reporting family: a Language-Table reward family, or "chain"
 * @param description  one line for help and reports
 * @param scene        how scenes are laid out
 * @param goals        the samplers of the chain's goals, in order
 * @param stepsPerGoal step cap per goal
 */
public record TaskSpec(String name, String family, String description, SceneRecipe scene, List<GoalSampler> goals,
                       int stepsPerGoal) {
    /** Validates the fields. */
    public TaskSpec {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("task names are lower-case words with dashes, got '" + name + "'");
        }
        goals = List.copyOf(goals);
        if (goals.isEmpty() || goals.size() > 5) {
            throw new IllegalArgumentException("task '" + name + "' needs 1 to 5 goals, got " + goals.size());
        }
        if (stepsPerGoal < 1) {
            throw new IllegalArgumentException("task '" + name + "' needs a positive step cap, got " + stepsPerGoal);
        }
    }

    /** Largest number of steps an episode can take. */
    public int maxSteps() {
        return stepsPerGoal * goals.size();
    }
}
