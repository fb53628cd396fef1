package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.ros.Publisher;
import dev.vla4j.nodes.ros.RosMaster;
import dev.vla4j.nodes.ros.RosNode;
import dev.vla4j.nodes.ros.XmlRpcClient;
import dev.vla4j.nodes.ros.XmlRpcException;
import dev.vla4j.nodes.ros.msg.Bool;
import dev.vla4j.nodes.ros.msg.CompressedImage;
import dev.vla4j.nodes.ros.msg.Float32MultiArray;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.JointState;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.safety.SafetyLimiter;
import dev.vla4j.nodes.safety.SafetyLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A robot over ROS 1 ({@link RosTopics}), as the controller sees it. Single-writer rule: {@link #connect} refuses
 * when the master lists a live publisher of the action topic ({@code getSystemState}, then {@code getPid} on each),
 * since two controllers would fight over the robot. The latched e-stop topic engages the limiter's latch; only a {@code false} releases it.
 */
public final class RosRobot extends GatedRobot {
    private static final Logger LOG = LoggerFactory.getLogger(RosRobot.class);
    private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(1);

    private final RosEndpoint endpoint;
    private final RosTopics topics;
    private final Rejections rejections;
    private RosNode node;
    private Publisher<StdString> status;
    private Publisher<Bool> estop;

    public RosRobot(RosEndpoint endpoint, RosTopics topics, RobotShape shape, SafetyLimits limits,
                    Duration observeTimeout) {
        super(oneCamera(shape), limits, observeTimeout);
        this.endpoint = endpoint;
        this.topics = topics;
        this.rejections = new Rejections(endpoint.nodeName());
    }

    @Override
    public synchronized void connect() throws IOException, InterruptedException {
        node = endpoint.start();
        try {
            List<String> owners = liveOwners(node.master());
            if (!owners.isEmpty()) {
                throw new CommandTopicBusyException("not starting: " + owners + " already publish(es) "
                        + topics.action() + " on " + endpoint.masterUri() + "; stop that controller first");
            }
            Publisher<Float32MultiArray> actions = node.publisher(topics.action(), Float32MultiArray.TYPE, false);
            gate = new CommandGate(SafetyLimiter.onSystemClock(limits), a -> actions.publish(RosCodec.array(a)),
                    "ros" + endpoint.nodeName().replace('/', '-'));
            status = node.publisher(topics.controllerStatus(), StdString.TYPE, true);
            estop = node.publisher(topics.estop(), Bool.TYPE, true);
            subscribeInputs();
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /**
     * The nodes the master lists as publishers of the action topic that still answer {@code getPid}; a crashed
     * controller stays registered until {@code rosnode cleanup}, so an unreachable one is ignored with a warning.
     */
    private List<String> liveOwners(RosMaster master) throws XmlRpcException {
        List<String> live = new ArrayList<>();
        for (String owner : master.getSystemState().publishersOf(topics.action())) {
            try {
                new XmlRpcClient(master.lookupNode(owner), LIVENESS_TIMEOUT).call("getPid", endpoint.nodeName());
                live.add(owner);
            } catch (XmlRpcException e) {
                LOG.warn("ignoring {}: registered as a publisher of {} but unreachable ({}); rosnode cleanup removes it",
                        owner, topics.action(), e.getMessage());
            }
        }
        return live;
    }

    private void subscribeInputs() throws IOException {
        String camera = shape.primaryCamera();
        if (topics.compressed()) {
            RosEndpoint.subscribe(node, topics.camera(), CompressedImage.TYPE, rejections,
                    m -> buffer.frame(camera, RosCodec.rgb(m), RosCodec.stampMs(m.header())));
        } else {
            RosEndpoint.subscribe(node, topics.camera(), Image.TYPE, rejections,
                    m -> buffer.frame(camera, RosCodec.rgb(m), RosCodec.stampMs(m.header())));
        }
        RosEndpoint.subscribe(node, topics.jointStates(), JointState.TYPE, rejections,
                m -> buffer.state(RosCodec.state(m)));
        RosEndpoint.subscribe(node, topics.instruction(), StdString.TYPE, rejections, m -> buffer.instruction(m.data()));
        RosEndpoint.subscribe(node, topics.expertAction(), Float32MultiArray.TYPE, rejections,
                m -> expert.set(RosCodec.values(m, shape.action().dim())));
        RosEndpoint.subscribe(node, topics.estop(), Bool.TYPE, rejections, m -> {
            if (m.data()) {
                gate.engageEStop("engaged on " + topics.estop());
            } else {
                gate.resetEStop();
            }
        });
    }

    @Override
    public void publishStatus(ControllerStatus controllerStatus) {
        requireConnected();
        status.publish(new StdString(new String(controllerStatus.toJson(), StandardCharsets.UTF_8)));
    }

    @Override
    protected void publishEStop(boolean engaged, String reason) {
        requireConnected();
        estop.publish(new Bool(engaged));
    }

    @Override
    public long rejectedCount() {
        return rejections.count();
    }

    @Override
    public String lastRejection() {
        return rejections.last();
    }

    private static RobotShape oneCamera(RobotShape shape) {
        if (shape.cameras().size() != 1) {
            throw new IllegalArgumentException("the ROS robot reads one camera topic, the shape has " + shape.cameras());
        }
        return shape;
    }

    @Override
    protected void closeTransport() {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
