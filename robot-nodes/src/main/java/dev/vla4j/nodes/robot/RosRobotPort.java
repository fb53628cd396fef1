package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.ros.Publisher;
import dev.vla4j.nodes.ros.RosNode;
import dev.vla4j.nodes.ros.msg.Bool;
import dev.vla4j.nodes.ros.msg.CompressedImage;
import dev.vla4j.nodes.ros.msg.Float32MultiArray;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.JointState;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.mqtt.CameraFrame;
import dev.vla4j.policy.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The robot side of a ROS 1 link ({@link RosTopics}): a simulator or a bridge publishes here and gets commands. */
public final class RosRobotPort implements RobotPort {
    private static final float JPEG_QUALITY = 0.9f;

    private final RosNode node;
    private final RosTopics topics;
    private final Rejections rejections;
    private final Publisher<Image> camera;
    private final Publisher<CompressedImage> compressedCamera;
    private final Publisher<JointState> state;
    private final Publisher<StdString> instruction;
    private final Publisher<Float32MultiArray> expert;
    private final Publisher<StdString> status;

    private RosRobotPort(RosNode node, RosTopics topics, RobotShape shape, Commands commands) throws IOException {
        this.node = node;
        this.topics = topics;
        this.rejections = new Rejections(node.name());
        this.camera = topics.compressed() ? null : node.publisher(topics.camera(), Image.TYPE, false);
        this.compressedCamera = topics.compressed() ? node.publisher(topics.camera(), CompressedImage.TYPE, false) : null;
        this.state = node.publisher(topics.jointStates(), JointState.TYPE, false);
        this.instruction = node.publisher(topics.instruction(), StdString.TYPE, true);
        this.expert = node.publisher(topics.expertAction(), Float32MultiArray.TYPE, false);
        this.status = node.publisher(topics.robotStatus(), StdString.TYPE, true);
        int dim = shape.action().dim();
        RosEndpoint.subscribe(node, topics.action(), Float32MultiArray.TYPE, rejections,
                m -> commands.action(RosCodec.values(m, dim)));
        RosEndpoint.subscribe(node, topics.estop(), Bool.TYPE, rejections,
                m -> commands.estop(m.data(), (m.data() ? "engaged" : "released") + " on " + topics.estop()));
    }

    /** Starts the node and advertises the robot's topics. */
    public static RosRobotPort start(RosEndpoint endpoint, RosTopics topics, RobotShape shape, Commands commands)
            throws IOException {
        RosNode node = endpoint.start();
        try {
            return new RosRobotPort(node, topics, shape, commands);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public void publishObservation(RgbImage image, float[] values, long stampMs) {
        if (compressedCamera != null) {
            compressedCamera.publish(new CompressedImage(RosCodec.header(stampMs), "jpeg",
                    CameraFrame.encodeJpeg(image, JPEG_QUALITY)));
        } else {
            camera.publish(RosCodec.image(image, stampMs));
        }
        state.publish(RosCodec.jointState(values, stampMs));
    }

    @Override
    public void publishInstruction(String text) {
        instruction.publish(new StdString(text));
    }

    @Override
    public void publishExpertAction(float[] action) {
        expert.publish(RosCodec.array(action));
    }

    @Override
    public void publishStatus(SimStatus simStatus) {
        status.publish(new StdString(new String(simStatus.toJson(), StandardCharsets.UTF_8)));
    }

    @Override
    public long rejectedCount() {
        return rejections.count();
    }

    @Override
    public String lastRejection() {
        return rejections.last();
    }

    /** The topics this port uses. */
    public RosTopics topics() {
        return topics;
    }

    @Override
    public void close() {
        node.close();
    }
}
