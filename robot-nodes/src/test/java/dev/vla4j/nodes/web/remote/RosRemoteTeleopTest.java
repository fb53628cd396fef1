package dev.vla4j.nodes.web.remote;

import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RosLink;
import dev.vla4j.nodes.ros.LocalRosMaster;
import org.junit.jupiter.api.BeforeEach;

/** {@link RemoteTeleopContract} over a private rosmaster per test. */
class RosRemoteTeleopTest extends RemoteTeleopContract {
    private LocalRosMaster ros;

    @BeforeEach
    void startMaster() throws Exception {
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
}
