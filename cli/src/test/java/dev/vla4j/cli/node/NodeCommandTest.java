package dev.vla4j.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.cli.Vla4j;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vla4j node}: the group, option errors, and short runs of both nodes on an embedded broker. */
class NodeCommandTest {
    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new Vla4j());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void listsBothNodes() {
        Result help = run("node", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("sim-robot") && help.out().contains("controller"), help.out());
    }

    @Test
    void badOptionsNameWhatIsWrong() {
        Result noTransport = run("node", "controller", "--policy", "expert");
        assertEquals(2, noTransport.code());
        assertTrue(noTransport.err().contains("--transport"), noTransport.err());
        Result embeddedRos = run("node", "sim-robot", "--transport", "ros", "--embedded-broker", "--suite", "x");
        assertEquals(2, embeddedRos.code());
        assertTrue(embeddedRos.err().contains("--embedded-broker needs --transport mqtt"), embeddedRos.err());
        Result badTransport = run("node", "sim-robot", "--transport", "zenoh", "--suite", "langtable-spatial");
        assertEquals(2, badTransport.code());
        assertTrue(badTransport.err().contains("zenoh"), badTransport.err());
    }

    @Test
    void simRobotRunsForItsDurationOnAnEmbeddedBroker() {
        Result result = run("node", "sim-robot", "--transport", "mqtt", "--embedded-broker", "--broker",
                "tcp://127.0.0.1:0", "--suite", "langtable-spatial", "--task", "block-to-center", "--image-size", "64",
                "--duration", "1");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("running for 1 s"), result.err());
    }

    @Test
    void controllerWithoutARobotWaitsAndStopsCleanly() {
        Result result = run("node", "controller", "--transport", "mqtt", "--embedded-broker", "--broker",
                "tcp://127.0.0.1:0", "--policy", "expert", "--duration", "1");
        assertEquals(0, result.code(), result.err());
    }
}
