package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command's own checks; the server and the page are tested in robot-nodes. */
class TeleopCommandTest {
    @Test
    void badInvocationsFailWithAClearMessageBeforeAnythingListens() {
        CliRun noRobot = CliRun.of("teleop");
        assertEquals(BadInput.EXIT, noRobot.code());
        assertTrue(noRobot.err().contains("give --sim (the simulator in this process) or --transport ros|mqtt"),
                noRobot.err());
        CliRun both = CliRun.of("teleop", "--sim", "--transport", "ros", "--port", "0");
        assertEquals(BadInput.EXIT, both.code());
        assertTrue(both.err().contains("give --sim or --transport, not both"), both.err());
        CliRun simModel = CliRun.of("teleop", "--sim", "--policy", "runs/x", "--port", "0");
        assertEquals(BadInput.EXIT, simModel.code());
        assertTrue(simModel.err().contains("needs --transport"), simModel.err());
        CliRun noModel = CliRun.of("teleop", "--transport", "mqtt", "--policy", "no/such/folder", "--port", "0");
        assertEquals(BadInput.EXIT, noModel.code());
        assertTrue(noModel.err().contains("no/such/folder"), noModel.err());
        CliRun badTransport = CliRun.of("teleop", "--transport", "zenoh");
        assertEquals(BadInput.EXIT, badTransport.code());
        assertTrue(badTransport.err().contains("zenoh"), badTransport.err());
        CliRun exposed = CliRun.of("teleop", "--sim", "--host", "0.0.0.0", "--port", "0");
        assertEquals(BadInput.EXIT, exposed.code());
        assertTrue(exposed.err().contains("give an access token (--token)"), exposed.err());
        CliRun task = CliRun.of("teleop", "--sim", "--port", "0", "--task", "fly");
        assertEquals(BadInput.EXIT, task.code());
        assertTrue(task.err().contains("fly"), task.err());
        CliRun speed = CliRun.of("teleop", "--sim", "--port", "0", "--speed", "5");
        assertTrue(speed.err().contains("top speed"), speed.err());
    }

    @Test
    void helpNamesTheSafetyControls() {
        CliRun help = CliRun.of("help", "teleop");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--deadman-ms") && help.out().contains("E-STOP"), help.out());
        assertTrue(help.out().contains("--transport ros") && help.out().contains("--transport mqtt"), help.out());
    }
}
