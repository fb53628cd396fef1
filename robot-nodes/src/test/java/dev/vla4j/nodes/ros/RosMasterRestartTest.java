package dev.vla4j.nodes.ros;

import static dev.vla4j.nodes.ros.LocalRosMaster.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vla4j.nodes.ros.msg.StdString;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node registers its publishers, subscribers and parameter subscriptions again after the master restarts. */
class RosMasterRestartTest {
    private static final RosNodeOptions FAST_WATCH = RosNodeOptions.DEFAULTS.withMasterPollPeriod(Duration.ofMillis(200));

    @Test
    void nodesRegisterAgainWithARestartedMasterOnTheSamePort() throws Exception {
        try (LocalRosMaster ros = LocalRosMaster.start();
             RosNode talker = RosNode.start("/survivor", ros.uri(), HOST, FAST_WATCH);
             RosNode listener = RosNode.start("/survivor_ear", ros.uri(), HOST, FAST_WATCH)) {
            Publisher<StdString> publisher = talker.publisher("/heartbeat", StdString.TYPE, true);
            publisher.publish(new StdString("beat"));
            listener.subscribe("/orders", StdString.TYPE, message -> { });
            BlockingQueue<Object> updates = new LinkedBlockingQueue<>();
            listener.onParameter("/mode", (key, value) -> updates.add(value));

            ros.restart();
            RosMaster fresh = new RosMaster(ros.uri(), "/observer", Duration.ofSeconds(5));
            LocalRosMaster.await("both nodes to register again", () -> {
                try {
                    RosMaster.SystemState state = fresh.getSystemState();
                    return state.publishersOf("/heartbeat").equals(List.of("/survivor"))
                            && state.subscribers().getOrDefault("/orders", List.of()).equals(List.of("/survivor_ear"));
                } catch (XmlRpcException e) {
                    return false;
                }
            });
            // A newcomer finds the publisher only through the new master, and gets the latched message.
            String csv = ros.run("rostopic", "echo", "-n", "1", "-p", "/heartbeat");
            assertEquals("beat", CsvEcho.field(csv, "field.data"), csv);
            // The parameter subscription was renewed too.
            ros.run("rosparam", "set", "/mode", "auto");
            assertEquals("auto", updates.poll(LocalRosMaster.WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
