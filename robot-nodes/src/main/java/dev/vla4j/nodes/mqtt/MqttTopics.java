package dev.vla4j.nodes.mqtt;

import java.util.Optional;

/**
 * The topic names of one robot (see the package documentation for the layout):
 * {@code <prefix>/v1/<robotId>/...}. The prefix may span several levels ({@code lab/vla4j}); neither it nor the
 * robot id may hold MQTT wildcards, and the robot id is a single level.
 */
public record MqttTopics(String prefix, String robotId) {
    public static final String VERSION = "v1";

    public MqttTopics {
        if (prefix == null || prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/")
                || prefix.contains("//") || hasWildcard(prefix)) {
            throw new IllegalArgumentException("MQTT topic prefix must be non-empty, without leading, trailing or "
                    + "doubled '/' and without '+' or '#', got '" + prefix + "'");
        }
        requireLevel("robot id", robotId);
    }

    public String action() {
        return base() + "/cmd/action";
    }

    public String estop() {
        return base() + "/cmd/estop";
    }

    public String instruction() {
        return base() + "/cmd/instruction";
    }

    public String jointStates() {
        return base() + "/state/joint_states";
    }

    public String status() {
        return base() + "/state/status";
    }

    /** Where the robot side announces its own connection (its last will says {@code CONNECTION_BROKEN}). */
    public String robotConnection() {
        return base() + "/connection";
    }

    /** Where the controller announces its connection (its last will says {@code CONNECTION_BROKEN}). */
    public String controllerConnection() {
        return base() + "/controller/connection";
    }

    public String cameraImage(String camera) {
        return base() + "/camera/" + requireLevel("camera name", camera) + "/image";
    }

    public String cameraInfo(String camera) {
        return base() + "/camera/" + requireLevel("camera name", camera) + "/info";
    }

    /** A filter matching every camera's image topic. */
    public String allCameraImages() {
        return base() + "/camera/+/image";
    }

    /** A filter matching every camera's info topic. */
    public String allCameraInfos() {
        return base() + "/camera/+/info";
    }

    /** The camera name in an image or info topic of this robot, or empty for any other topic. */
    public Optional<String> cameraOf(String topic) {
        String head = base() + "/camera/";
        if (!topic.startsWith(head)) {
            return Optional.empty();
        }
        String rest = topic.substring(head.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || !(rest.endsWith("/image") || rest.endsWith("/info")) || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(0, slash));
    }

    private String base() {
        return prefix + "/" + VERSION + "/" + robotId;
    }

    private static String requireLevel(String what, String level) {
        if (level == null || level.isBlank() || level.contains("/") || hasWildcard(level)) {
            throw new IllegalArgumentException(what + " must be one non-empty MQTT topic level (no '/', '+' or '#'), got '"
                    + level + "'");
        }
        return level;
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('+') >= 0 || text.indexOf('#') >= 0;
    }
}
