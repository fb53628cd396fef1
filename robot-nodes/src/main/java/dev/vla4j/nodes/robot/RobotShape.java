package dev.vla4j.nodes.robot;

import dev.vla4j.policy.Robot;

/** What both ends of a robot link agree on: the cameras (primary first) with their sizes, the state and action. */
public record RobotShape(Robot.ObservationSpec observation, Robot.ActionSpec action) {
    public RobotShape {
        if (observation == null || action == null) {
            throw new IllegalArgumentException("a robot shape needs an observation spec and an action spec");
        }
        if (observation.cameras().isEmpty() || observation.stateDim() < 1) {
            throw new IllegalArgumentException("a robot needs at least one camera and a state of length >= 1");
        }
        observation.cameras().forEach((name, size) -> {
            if (size.length != 2 || size[0] < 1 || size[1] < 1) {
                throw new IllegalArgumentException("camera '" + name + "' needs a size {width, height} >= 1");
            }
        });
    }

    /** The primary camera's name. */
    public String primaryCamera() {
        return observation.cameras().keySet().iterator().next();
    }

    public java.util.List<String> cameras() {
        return java.util.List.copyOf(observation.cameras().keySet());
    }
}
