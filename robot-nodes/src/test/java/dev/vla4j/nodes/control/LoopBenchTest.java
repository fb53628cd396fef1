package dev.vla4j.nodes.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.mqtt.LocalMosquitto;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RosLink;
import dev.vla4j.nodes.ros.LocalRosMaster;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A short loop bench over each transport: every published frame's action comes back, with a plausible latency. */
class LoopBenchTest {
    @Test
    void measuresTheLoopThroughARosMaster() throws Exception {
        try (LocalRosMaster ros = LocalRosMaster.start()) {
            check(RosLink.of(ros.uri(), LocalRosMaster.HOST));
        }
    }

    @Test
    void measuresTheLoopThroughAnMqttBroker() throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start()) {
            check(new MqttLinkSettings(broker.uri(), new MqttTopics("vla4j-test", "bench")));
        }
    }

    private static void check(RobotLink link) throws Exception {
        LoopBench.Result result = LoopBench.run(link, 64, 20, Duration.ofMillis(500), Duration.ofSeconds(2));
        assertTrue(result.framesPublished() >= 20, "published " + result.framesPublished());
        assertTrue(result.latenciesMs().length >= result.framesPublished() / 2,
                result.latenciesMs().length + " of " + result.framesPublished() + " frames answered");
        assertTrue(Arrays.stream(result.latenciesMs()).allMatch(ms -> ms > 0 && ms < 10_000),
                Arrays.toString(result.latenciesMs()));
        assertTrue(result.sustainedHz() > 0);
    }
}
