package dev.vla4j.nodes.mqtt;

import dev.vla4j.policy.RgbImage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The robot's side of an MQTT link: it publishes camera frames, joint states and its status, and hands the
 * controller's commands to a {@link Commands} on the endpoint's handler thread. Transport only: the commands
 * arrive checked for form (JSON, lengths, finite values) and age ({@code ttl_ms}), but limits, watchdog and the
 * e-stop latch belong to the robot's safety layer.
 *
 * <p>The server announces itself {@code ONLINE} on {@code connection}, {@code OFFLINE} on {@link #close()}, and
 * registers {@code CONNECTION_BROKEN} there as its last will. It reports the controller's connection, including
 * the controller's last will, through {@link Commands#controllerConnection}.
 */
public final class MqttRobotServer implements AutoCloseable {

    /** What the robot does with the controller's messages; only actions must be handled. */
    @FunctionalInterface
    public interface Commands {
        void action(ActionCommand action);

        /** An engage (also a retained one from before this robot connected) or a fresh release. */
        default void estop(EStopCommand estop) {}

        default void instruction(InstructionCommand instruction) {}

        /** {@code ONLINE}, {@code OFFLINE}, or the controller's will {@code CONNECTION_BROKEN}. */
        default void controllerConnection(ConnectionState state) {}
    }

    private final RobotSession session;
    private final MqttTopics topics;
    private final AtomicReference<ConnectionState> controller = new AtomicReference<>();

    private MqttRobotServer(RobotSession session) {
        this.session = session;
        this.topics = session.config.topics();
    }

    /** Connects to the broker and subscribes {@code commands} to the robot's command topics. */
    public static MqttRobotServer connect(MqttEndpoint.Options options, MqttRobotConfig config, Commands commands) {
        MqttRobotServer server = new MqttRobotServer(RobotSession.open(options, config, config.topics().robotConnection()));
        try {
            server.subscribeAll(commands);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The client id the robot side of {@code topics}' robot uses by default. */
    public static String defaultClientId(MqttTopics topics) {
        return "vla4j-robot-" + topics.robotId();
    }

    private void subscribeAll(Commands commands) {
        int actionDim = session.config.actionDim();
        session.subscribeJson(topics.action(), 0, ActionCommand::fromJson, (topic, action) -> {
            MqttRobotConfig.requireLength("action", action.action(), actionDim);
            commands.action(action);
        });
        session.subscribeJson(topics.estop(), 1, EStopCommand::fromJson, (topic, estop) -> commands.estop(estop));
        session.subscribeJson(topics.instruction(), 1, InstructionCommand::fromJson,
                (topic, instruction) -> commands.instruction(instruction));
        session.subscribeJson(topics.controllerConnection(), 1, ConnectionState::fromJson, (topic, state) -> {
            controller.set(state);
            commands.controllerConnection(state);
        });
    }

    /** Publishes one frame of a configured camera as JPEG, QoS 0, not retained. */
    public void publishFrame(String camera, RgbImage image, long stampMs) {
        session.endpoint.publish(topics.cameraImage(requireCamera(camera)),
                new CameraFrame(camera, stampMs, image).toMessage(session.config.jpegQuality()));
    }

    /** Describes a camera, QoS 1 and retained. */
    public void publishCameraInfo(String camera, String frameId, int width, int height) {
        session.publishRetained(topics.cameraInfo(requireCamera(camera)), CameraInfo.now(frameId, width, height));
    }

    private String requireCamera(String camera) {
        if (!session.config.cameras().contains(camera)) {
            throw new IllegalArgumentException("unknown camera '" + camera + "'; configured: "
                    + session.config.cameras());
        }
        return camera;
    }

    /** Publishes joint positions (and velocities, or an empty array), QoS 0, valid for the configured ttl. */
    public JointStates publishJointStates(float[] position, float[] velocity) {
        if (position.length != session.config.stateDim()) {
            throw new IllegalArgumentException("position has " + position.length + " values, the state has "
                    + session.config.stateDim());
        }
        JointStates state = JointStates.now(position, velocity, session.config.ttl());
        session.publish(topics.jointStates(), state, 0, null);
        return state;
    }

    /** Publishes the robot's status, QoS 1 and retained (a controller that connects later sees it at once). */
    public RobotStatus publishStatus(String mode, boolean estopEngaged, double latencyMs) {
        RobotStatus status = RobotStatus.now(mode, estopEngaged, latencyMs);
        session.publishRetained(topics.status(), status);
        return status;
    }

    /** Publishes {@code payload} on a topic outside the standard layout, not retained, without expiry. */
    public void publish(String topic, MqttPayload payload, int qos) {
        session.publish(topic, payload, qos, null);
    }

    /** Publishes {@code payload} on a topic outside the standard layout, QoS 1 and retained (again after reconnects). */
    public void publishRetained(String topic, MqttPayload payload) {
        session.publishRetained(topic, payload);
    }

    /** The controller's latest connection state, if one was seen. */
    public Optional<ConnectionState> controllerConnection() {
        return Optional.ofNullable(controller.get());
    }

    public boolean isConnected() {
        return session.endpoint.isConnected();
    }

    public void addConnectionListener(MqttEndpoint.ConnectionListener listener) {
        session.endpoint.addConnectionListener(listener);
    }

    public long rejectedCount() {
        return session.endpoint.rejectedCount();
    }

    public String lastRejection() {
        return session.endpoint.lastRejection();
    }

    /** Announces {@code OFFLINE} and disconnects. */
    @Override
    public void close() {
        session.close();
    }
}
