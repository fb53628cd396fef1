package dev.vla4j.nodes.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.testkit.Peers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Round trips through the real Debian rosmaster started by .ci/run (skipped with a reason elsewhere). */
class RosMasterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void getSystemStateShowsAPublisherRegisteredThroughTheRealMaster() throws XmlRpcException {
        URI masterUri = Peers.rosMaster();
        String node = "/vla4j_test_" + UUID.randomUUID().toString().replace("-", "");
        String topic = node + "/chatter";
        RosMaster master = new RosMaster(masterUri, node, TIMEOUT);
        String slaveApi = "http://127.0.0.1:9/"; // nobody subscribes, so the master never calls it
        master.call("registerPublisher", topic, "std_msgs/String", slaveApi);
        try {
            RosMaster.SystemState state = master.getSystemState();
            assertEquals(List.of(node), state.publishersOf(topic), "publishers of " + topic + " in " + state);
        } finally {
            assertEquals(1, master.call("unregisterPublisher", topic, slaveApi));
        }
        assertTrue(master.getSystemState().publishersOf(topic).isEmpty(), "still registered after unregister");
        assertTrue(master.getPid() > 0);
    }

    @Test
    void aMasterErrorCodeBecomesAnExceptionCarryingTheMastersMessage() {
        RosMaster master = new RosMaster(Peers.rosMaster(), "/vla4j_test_param", TIMEOUT);
        XmlRpcException e = assertThrows(XmlRpcException.class,
                () -> master.call("getParam", "/vla4j_no_such_param_" + UUID.randomUUID().toString().replace("-", "")));
        assertTrue(e.getMessage().contains("code -1") && e.getMessage().contains("is not set"), e.getMessage());
    }

    @Test
    void aDeadMasterIsReportedAsUnreachableNamingTheAddress() {
        URI dead = URI.create("http://127.0.0.1:9/");
        XmlRpcException e = assertThrows(XmlRpcException.class,
                () -> new RosMaster(dead, "/vla4j_test", Duration.ofSeconds(2)).getPid());
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains("127.0.0.1:9"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
