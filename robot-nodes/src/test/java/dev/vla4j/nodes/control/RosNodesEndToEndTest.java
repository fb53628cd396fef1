package dev.vla4j.nodes.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.robot.ControllerStatus;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RosLink;
import dev.vla4j.nodes.robot.SimStatus;
import dev.vla4j.nodes.ros.LocalRosMaster;
import dev.vla4j.nodes.ros.RosNode;
import dev.vla4j.nodes.ros.msg.Bool;
import dev.vla4j.nodes.ros.msg.Image;
import dev.vla4j.nodes.ros.msg.Header;
import dev.vla4j.nodes.ros.msg.StdString;
import dev.vla4j.nodes.ros.Publisher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NodesEndToEndContract} over a private rosmaster per test, plus malformed input at node level. */
class RosNodesEndToEndTest extends NodesEndToEndContract {
    private static final AtomicInteger NODES = new AtomicInteger();
    private LocalRosMaster ros;
    private Publisher<Bool> estop;

    @BeforeEach
    void startMaster() throws Exception {
        estop = null;
        ros = opened(LocalRosMaster.start());
    }

    @Override
    RobotLink link() {
        return RosLink.of(ros.uri(), LocalRosMaster.HOST);
    }

    @Override
    RobotLink otherControllerOf(RobotLink link) {
        return ((RosLink) link).withNodes("/vla4j_controller_2", ((RosLink) link).robotNode());
    }

    @Override
    List<String> childArgs(RobotLink link) {
        RosLink rosLink = (RosLink) link;
        return List.of("ros", rosLink.masterUri().toString(), rosLink.host(), rosLink.controllerNode(),
                rosLink.robotNode());
    }

    private RosNode testNode() throws Exception {
        return opened(RosNode.start("/vla4j_test_" + NODES.incrementAndGet(), ros.uri(), LocalRosMaster.HOST));
    }

    @Override
    StatusTap tap(RobotLink link) throws Exception {
        StatusTap tap = new StatusTap();
        RosNode node = testNode();
        node.subscribe(((RosLink) link).topics().robotStatus(), StdString.TYPE,
                m -> tap.accept(SimStatus.fromJson(m.data().getBytes(StandardCharsets.UTF_8))));
        node.subscribe(((RosLink) link).topics().controllerStatus(), StdString.TYPE,
                m -> tap.accept(ControllerStatus.fromJson(m.data().getBytes(StandardCharsets.UTF_8))));
        return tap;
    }

    @Override
    void estop(RobotLink link, boolean engaged) throws Exception {
        if (estop == null) {
            estop = testNode().publisher(((RosLink) link).topics().estop(), Bool.TYPE, true);
        }
        estop.publish(new Bool(engaged));
    }

    @Override
    void restartPeer() throws Exception {
        ros.restart();
    }

    @Test
    void wrongImageSizeAndWrongMd5AreRejectedWhileTheNodesRun() throws Exception {
        RosLink link = (RosLink) link();
        SimRobotNode sim = simRobot(link);
        ControllerNode controller = controller(link);
        Waits.until("commands flowing", () -> sim.commandsReceived() > 5);
        try (LogCapture logs = new LogCapture("dev.vla4j.nodes")) {
            RosNode rogue = testNode();
            Publisher<Image> images = rogue.publisher(link.topics().camera(), Image.TYPE, false);
            Publisher<StdString> wrongType = rogue.publisher(link.topics().action(), StdString.TYPE, false);
            Waits.until("the controller rejecting a 32x32 frame", () -> {
                images.publish(new Image(Header.now("camera"), 32, 32, "rgb8", 0, 96, new byte[32 * 96]));
                return controller.status().rejected() > 0;
            });
            logs.await("expected 64x64", "32x32");
            logs.await("not subscribing", link.topics().action(), "md5");
            assertTrue(wrongType.subscriberCount() == 0, "the sim robot must not take a std_msgs/String action");
        }
        long commands = sim.commandsReceived();
        long steps = controller.steps();
        Waits.until("both nodes carrying on", () -> sim.commandsReceived() > commands + 10
                && controller.steps() > steps + 10);
    }
}
