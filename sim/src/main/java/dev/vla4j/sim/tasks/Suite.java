package dev.vla4j.sim.tasks;

import java.util.List;

/** A named, fixed list of tasks (see {@link Suites}). */
public record Suite(String name, String description, List<TaskSpec> tasks) {
    /** Validates that task names are unique. */
    public Suite {
        tasks = List.copyOf(tasks);
        if (tasks.stream().map(TaskSpec::name).distinct().count() != tasks.size()) {
            throw new IllegalArgumentException("suite '" + name + "' has duplicate task names");
        }
    }

    /** The task named {@code task}; unknown names list the known ones. */
    public TaskSpec task(String task) {
        return tasks.stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown task '" + task + "' in suite '" + name + "'; known: "
                        + tasks.stream().map(TaskSpec::name).toList()));
    }
}
