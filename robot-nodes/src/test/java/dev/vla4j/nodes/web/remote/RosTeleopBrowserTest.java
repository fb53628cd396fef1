package dev.vla4j.nodes.web.remote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.control.ExpertPolicy;
import dev.vla4j.nodes.control.SimRobotConfig;
import dev.vla4j.nodes.control.SimRobotNode;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.robot.RosLink;
import dev.vla4j.nodes.ros.LocalRosMaster;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.nodes.web.BrowserScript;
import dev.vla4j.nodes.web.TeleopServer;
import dev.vla4j.nodes.web.TeleopServerOptions;
import dev.vla4j.sim.EnvConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in real headless Chromium as the controller of a simulated robot over ROS 1 (a private rosmaster, a
 * {@link SimRobotNode} on the other side; {@code src/test/browser/remote-page.mjs}): it loads without console
 * errors, frames arrive from the robot, a held key moves it, and the E-STOP latches on the robot until a
 * confirmed reset. Screenshots go to {@code target/screenshots/}.
 */
class RosTeleopBrowserTest {
    private static final List<String> SHOTS = List.of("remote-live", "remote-teleop", "remote-estop-latched");

    @TempDir
    Path tmp;

    @Test
    void thePageDrivesARobotOverRosInHeadlessChromium() throws Exception {
        BrowserScript browser = BrowserScript.require();
        BrowserScript.forgetScreenshots(SHOTS);
        EnvConfig env = EnvConfig.DEFAULT;
        RobotShape shape = SimRobotNode.shape(env);
        JsonObject result;
        try (LocalRosMaster ros = LocalRosMaster.start()) {
            RosLink link = RosLink.of(ros.uri(), LocalRosMaster.HOST);
            try (SimRobotNode sim = SimRobotNode.start(SimRobotConfig.defaults("langtable-spatial", "block-to-center",
                    0), link)) {
                RemoteRobot robot = link.controller(shape, SafetyLimits.of(shape.action()), Duration.ofSeconds(1));
                try (RemoteTeleopBackend backend = RemoteTeleopBackend.start(robot, new ExpertPolicy(robot),
                        new RemoteTeleopSettings(10, 0.2, 1, null));
                     TeleopServer server = TeleopServer.start(backend, TeleopServerOptions.local(0))) {
                    result = browser.run("remote-page.mjs", server.url(), tmp.resolve("browser.log"));
                }
                assertTrue(sim.limiter().counters().accepted() > 0, "the robot executed the page's commands");
                assertTrue(!sim.limiter().isEStopped(), "the confirmed reset released the robot");
            }
        }
        assertTrue(result.getBoolean("ok"), result.encode());
        System.out.printf("[vla4j] in Chromium over ROS: command round trip p95 %.1f ms (n=%d), frame age p95 %.0f ms "
                + "(n=%d, robot capture to decoded)%n", result.getDouble("rttP95"), result.getInteger("rtts"),
                result.getDouble("frameAgeP95"), result.getInteger("frames"));
        for (String shot : SHOTS) {
            assertTrue(Files.size(BrowserScript.SCREENSHOTS.resolve(shot + ".png")) > 5_000, shot);
        }
    }
}
