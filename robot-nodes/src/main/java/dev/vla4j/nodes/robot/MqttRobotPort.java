package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.mqtt.ActionCommand;
import dev.vla4j.nodes.mqtt.EStopCommand;
import dev.vla4j.nodes.mqtt.InstructionCommand;
import dev.vla4j.nodes.mqtt.MqttRobotConfig;
import dev.vla4j.nodes.mqtt.MqttRobotServer;
import dev.vla4j.policy.RgbImage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The robot side of an MQTT link, over {@link MqttRobotServer} plus the nodes' topics of {@link MqttLinkSettings}. */
public final class MqttRobotPort implements RobotPort {
    private final MqttLinkSettings settings;
    private final MqttRobotConfig config;
    private final MqttRobotServer server;
    private final String camera;
    private final AtomicLong expertSeq = new AtomicLong();

    private MqttRobotPort(MqttLinkSettings settings, RobotShape shape, Commands commands) {
        this.settings = settings;
        this.config = settings.config(shape);
        this.camera = shape.primaryCamera();
        this.server = MqttRobotServer.connect(settings.options("vla4j-robot"), config, new MqttRobotServer.Commands() {
            @Override
            public void action(ActionCommand action) {
                commands.action(action.action());
            }

            @Override
            public void estop(EStopCommand estop) {
                commands.estop(estop.engaged(), estop.reason());
            }
        });
        int[] size = shape.observation().cameras().get(camera);
        server.publishCameraInfo(camera, RosCodec.FRAME_ID, size[0], size[1]);
    }

    /** Connects to the broker and subscribes {@code commands} to the robot's command topics. */
    public static MqttRobotPort connect(MqttLinkSettings settings, RobotShape shape, Commands commands) {
        return new MqttRobotPort(settings, shape, commands);
    }

    @Override
    public void publishObservation(RgbImage image, float[] state, long stampMs) {
        server.publishFrame(camera, image, stampMs);
        server.publishJointStates(state, new float[0]);
    }

    @Override
    public void publishInstruction(String text) {
        server.publishRetained(settings.taskInstruction(), InstructionCommand.now(text, Duration.ZERO));
    }

    @Override
    public void publishExpertAction(float[] action) {
        server.publish(settings.expertAction(), ActionCommand.now(expertSeq.getAndIncrement(), action, config.ttl()), 0);
    }

    @Override
    public void publishStatus(SimStatus status) {
        server.publishRetained(settings.simStatus(), status);
    }

    @Override
    public long rejectedCount() {
        return server.rejectedCount();
    }

    @Override
    public String lastRejection() {
        return server.lastRejection();
    }

    @Override
    public void close() {
        server.close();
    }
}
