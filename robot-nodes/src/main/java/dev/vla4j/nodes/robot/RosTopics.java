package dev.vla4j.nodes.robot;

/**
 * The ROS 1 topics of one robot link. Defaults: camera {@code /camera/image} ({@code sensor_msgs/Image} rgb8 or
 * bgr8; with {@code compressed}, {@code sensor_msgs/CompressedImage} JPEG/PNG), state {@code /joint_states}
 * ({@code sensor_msgs/JointState}, positions), actions {@code /vla4j/action} ({@code std_msgs/Float32MultiArray}),
 * the latched software e-stop {@code /vla4j/estop} ({@code std_msgs/Bool}: true engages, false releases),
 * the instruction {@code /vla4j/instruction} ({@code std_msgs/String}, latched), a simulator's expert suggestion
 * {@code /vla4j/sim/expert_action} ({@code Float32MultiArray}) and the statuses (JSON in latched
 * {@code std_msgs/String}) {@code /vla4j/robot/status} and {@code /vla4j/controller/status}.
 */
public record RosTopics(String camera, boolean compressed, String jointStates, String action, String estop,
                        String instruction, String expertAction, String robotStatus, String controllerStatus) {
    public static final RosTopics DEFAULTS = new RosTopics("/camera/image", false, "/joint_states", "/vla4j/action",
            "/vla4j/estop", "/vla4j/instruction", "/vla4j/sim/expert_action", "/vla4j/robot/status",
            "/vla4j/controller/status");

    public RosTopics {
        for (String topic : new String[] {camera, jointStates, action, estop, instruction, expertAction, robotStatus,
            controllerStatus}) {
            if (topic == null || !topic.matches("/?[A-Za-z][A-Za-z0-9_]*(/[A-Za-z][A-Za-z0-9_]*)*")) {
                throw new IllegalArgumentException("not a valid ROS topic name: '" + topic + "'");
            }
        }
    }

    /** These topics moved below {@code namespace} (e.g. {@code /bench}), so that they do not meet the defaults. */
    public RosTopics under(String namespace) {
        String ns = namespace.endsWith("/") ? namespace.substring(0, namespace.length() - 1) : namespace;
        return new RosTopics(ns + absolute(camera), compressed, ns + absolute(jointStates), ns + absolute(action),
                ns + absolute(estop), ns + absolute(instruction), ns + absolute(expertAction), ns + absolute(robotStatus),
                ns + absolute(controllerStatus));
    }

    private static String absolute(String topic) {
        return topic.startsWith("/") ? topic : "/" + topic;
    }

    /** These topics with another camera topic and image type. */
    public RosTopics withCamera(String topic, boolean isCompressed) {
        return new RosTopics(topic, isCompressed, jointStates, action, estop, instruction, expertAction, robotStatus,
                controllerStatus);
    }
}
