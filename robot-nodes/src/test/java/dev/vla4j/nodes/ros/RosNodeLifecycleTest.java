package dev.vla4j.nodes.ros;

import static dev.vla4j.nodes.ros.LocalRosMaster.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.ros.msg.StdString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shutdown, name takeover, parameter updates, publisher comings and goings, with rosnode and rosparam. */
class RosNodeLifecycleTest {
    private static LocalRosMaster ros;

    @BeforeAll
    static void start() throws Exception {
        ros = LocalRosMaster.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ros != null) {
            ros.close();
        }
    }

    private static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(item, "timed out waiting for " + what);
        return item;
    }

    @Test
    void rosnodeKillCallsShutdownAndTheNodeUnregisters() throws Exception {
        RosNode victim = RosNode.start("/victim", ros.uri(), HOST);
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        victim.onShutdown(reasons::add);
        victim.publisher("/victim_topic", StdString.TYPE, false);
        ros.run("rosnode", "kill", "/victim");
        assertEquals("user request", take(reasons, "shutdown"));
        LocalRosMaster.await("the killed node to close", victim::isClosed);
        RosMaster master = new RosMaster(ros.uri(), "/observer", Duration.ofSeconds(5));
        LocalRosMaster.await("/victim_topic to lose its publisher", () -> {
            try {
                return master.getSystemState().publishersOf("/victim_topic").isEmpty();
            } catch (XmlRpcException e) {
                return false;
            }
        });
    }

    @Test
    void aSecondNodeWithTheSameNameTakesOver() throws Exception {
        RosNode first = RosNode.start("/twin", ros.uri(), HOST);
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        first.onShutdown(reasons::add);
        first.publisher("/twin_first", StdString.TYPE, false);
        try (RosNode second = RosNode.start("/twin", ros.uri(), HOST)) {
            second.publisher("/twin_second", StdString.TYPE, false);
            String reason = take(reasons, "the takeover shutdown");
            assertTrue(reason.contains("new node registered with same name"), reason);
            LocalRosMaster.await("the first /twin to close", first::isClosed);
            assertEquals(second.slaveUri(), second.master().lookupNode("/twin"));
            assertEquals(List.of("/twin"), second.master().getSystemState().publishersOf("/twin_second"));
            assertEquals(List.of("/twin"), List.copyOf(ros.run("rosnode", "list").lines()
                    .filter(line -> line.equals("/twin")).toList()));
        }
    }

    @Test
    void rosparamSetArrivesAsParamUpdate() throws Exception {
        try (RosNode node = RosNode.start("/param_watcher", ros.uri(), HOST)) {
            BlockingQueue<Map.Entry<String, Object>> updates = new LinkedBlockingQueue<>();
            Object initial = node.onParameter("/robot/limits", (key, value) -> updates.add(Map.entry(key, value)));
            assertEquals(Map.of(), initial, "an unset parameter subscribes as an empty map");
            ros.run("rosparam", "set", "/robot/limits/vx", "0.7");
            assertEquals(Map.entry("/robot/limits/vx", 0.7), take(updates, "paramUpdate"));
            assertEquals(0.7, node.parameters().get("/robot/limits/vx"));
            node.parameters().set("/robot/name", "r2");
            assertTrue(node.parameters().has("/robot/name"));
            assertEquals("r2", ros.run("rosparam", "get", "/robot/name").strip());
            node.parameters().delete("/robot/name");
            assertTrue(node.parameters().find("/robot/name").isEmpty());
            assertEquals(java.util.Optional.of("/robot/limits"), node.parameters().search("robot/limits"));
        }
    }

    @Test
    void aSubscriberFollowsPublishersThatGoAndComeBack() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (RosNode listener = RosNode.start("/follower", ros.uri(), HOST);
             Subscriber<StdString> ignored = listener.subscribe("/flaky", StdString.TYPE, m -> received.add(m.data()))) {
            for (String generation : List.of("first", "second")) {
                try (RosNode talker = RosNode.start("/flaky_talker", ros.uri(), HOST);
                     Publisher<StdString> publisher = talker.publisher("/flaky", StdString.TYPE, false);
                     Repeater ignoredLoop = Repeater.every(50, () -> publisher.publish(new StdString(generation)))) {
                    while (!take(received, generation + " publisher").equals(generation)) {
                        // earlier messages still in the queue
                    }
                }
            }
        }
    }

    @Test
    void closeUnregistersEverythingAndRefusesNewEndpoints() throws Exception {
        RosNode node = RosNode.start("closer", ros.uri(), HOST);
        assertEquals("/closer", node.name());
        node.publisher("out", StdString.TYPE, false);
        node.subscribe("~in", StdString.TYPE, m -> { });
        assertThrows(IllegalStateException.class, () -> node.publisher("/out", StdString.TYPE, false));
        RosMaster.SystemState before = node.master().getSystemState();
        assertEquals(List.of("/closer"), before.publishersOf("/out"));
        assertEquals(List.of("/closer"), before.subscribers().get("/closer/in"));
        node.close();
        RosMaster.SystemState after = new RosMaster(ros.uri(), "/observer", Duration.ofSeconds(5)).getSystemState();
        assertTrue(after.publishersOf("/out").isEmpty(), after.toString());
        assertTrue(after.subscribers().getOrDefault("/closer/in", List.of()).isEmpty(), after.toString());
        assertThrows(IllegalStateException.class, () -> node.publisher("/other", StdString.TYPE, false));
        XmlRpcException unreachable = assertThrows(XmlRpcException.class,
                () -> new XmlRpcClient(node.slaveUri(), Duration.ofSeconds(2)).call("getPid", "/x"));
        assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
    }

    @Test
    void aNodeRefusesABadNameAndADeadMaster() {
        assertThrows(IllegalArgumentException.class, () -> RosNode.start("/bad name", ros.uri(), HOST));
        XmlRpcException dead = assertThrows(XmlRpcException.class,
                () -> RosNode.start("/orphan", java.net.URI.create("http://127.0.0.1:9/"), HOST));
        assertTrue(dead.getMessage().contains("127.0.0.1:9"), dead.getMessage());
    }
}
