package dev.vla4j.nodes.web;

/** Who moves the robot: the operator's keyboard, the policy, or nobody (hold position). */
public enum Mode {
    /** The operator's teleop commands drive the robot (hold-to-move, watched by the deadman). */
    TELEOP,
    /** The policy drives the robot; the operator supervises. */
    POLICY,
    /** Nothing moves: zero velocity, hold position. */
    HOLD
}
