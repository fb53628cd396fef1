package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.safety.SafetyLimits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A robot link over ROS 1: the master, the address the nodes advertise (ROS_IP), the topics, and the node names
 * of the controller's and the robot's end (defaults {@code /vla4j_controller} and {@code /vla4j_sim_robot}).
 */
public record RosLink(URI masterUri, String host, RosTopics topics, String controllerNode, String robotNode)
        implements RobotLink {
    public static final String DEFAULT_CONTROLLER_NODE = "/vla4j_controller";
    public static final String DEFAULT_ROBOT_NODE = "/vla4j_sim_robot";

    /** Default topics and node names. */
    public static RosLink of(URI masterUri, String host) {
        return new RosLink(masterUri, host, RosTopics.DEFAULTS, DEFAULT_CONTROLLER_NODE, DEFAULT_ROBOT_NODE);
    }

    /** This link with other node names (several links on one master). */
    public RosLink withNodes(String controller, String robot) {
        return new RosLink(masterUri, host, topics, controller, robot);
    }

    @Override
    public RemoteRobot controller(RobotShape shape, SafetyLimits limits, Duration observeTimeout) {
        return new RosRobot(new RosEndpoint(masterUri, host, controllerNode), topics, shape, limits, observeTimeout);
    }

    @Override
    public RobotPort robotPort(RobotShape shape, RobotPort.Commands commands) throws IOException {
        return RosRobotPort.start(new RosEndpoint(masterUri, host, robotNode), topics, shape, commands);
    }
}
