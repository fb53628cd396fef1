package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.safety.SafetyLimits;
import java.io.IOException;
import java.time.Duration;

/** A transport between controllers and a robot ({@link RosLink}, {@link MqttLinkSettings}): opens either end. */
public interface RobotLink {
    /**
     * The controller's end, not yet connected: actions pass {@code limits}; {@code observeTimeout} bounds the wait
     * for a new frame.
     */
    RemoteRobot controller(RobotShape shape, SafetyLimits limits, Duration observeTimeout);

    /** The robot's end, connected, handing incoming commands to {@code commands}. */
    RobotPort robotPort(RobotShape shape, RobotPort.Commands commands) throws IOException;
}
