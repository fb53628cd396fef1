package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command's own checks; the server and the page are tested in robot-nodes. */
class TeleopCommandTest {
    @Test
    void badInvocationsFailWithAClearMessageBeforeAnythingListens() {
        CliRun noRobot = CliRun.of("teleop");
        assertEquals(TeleopCommand.BAD_INPUT, noRobot.code());
        assertTrue(noRobot.err().contains("give --sim"), noRobot.err());
        CliRun exposed = CliRun.of("teleop", "--sim", "--host", "0.0.0.0", "--port", "0");
        assertEquals(TeleopCommand.BAD_INPUT, exposed.code());
        assertTrue(exposed.err().contains("give an access token (--token)"), exposed.err());
        CliRun task = CliRun.of("teleop", "--sim", "--port", "0", "--task", "fly");
        assertEquals(TeleopCommand.BAD_INPUT, task.code());
        assertTrue(task.err().contains("fly"), task.err());
        CliRun speed = CliRun.of("teleop", "--sim", "--port", "0", "--speed", "5");
        assertTrue(speed.err().contains("top speed"), speed.err());
    }

    @Test
    void helpNamesTheSafetyControls() {
        CliRun help = CliRun.of("help", "teleop");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--deadman-ms") && help.out().contains("E-STOP"), help.out());
    }
}
