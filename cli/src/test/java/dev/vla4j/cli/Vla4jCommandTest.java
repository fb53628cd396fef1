package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Vla4jCommandTest {

    /** Runs the command in this JVM and returns {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Vla4j.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Object[] {code, out.toString(), err.toString()};
    }

    @Test
    void helpListsTheSubcommandsThatExist() {
        Object[] result = run("--help");
        assertEquals(0, result[0]);
        String help = (String) result[1];
        assertTrue(help.contains("doctor") && help.contains("demo"), help);
    }

    @Test
    void noSubcommandShowsUsageAndFails() {
        Object[] result = run();
        assertNotEquals(0, result[0]);
        assertTrue(((String) result[2]).contains("Missing subcommand"), (String) result[2]);
    }

    @Test
    void demoSaysWhatIsMissingAndFailsInsteadOfFakingARun() {
        Object[] result = run("demo");
        assertEquals(DemoCommand.NOT_AVAILABLE, result[0]);
        assertTrue(((String) result[2]).contains("not available yet"), (String) result[2]);
    }

    @Test
    void doctorReportsAWorkingEngineAndDeadPeersWithoutFailing() {
        Object[] result = run("doctor", "--ros-master", "http://127.0.0.1:9/", "--mqtt", "tcp://127.0.0.1:9",
                "--timeout", "1");
        String out = (String) result[1];
        assertEquals(0, result[0], out + result[2]);
        assertTrue(out.contains("engine       ok: DJL 0.36.0, PyTorch (libtorch 2.7.1)"), out);
        assertTrue(out.matches("(?s).*threads\\s+intra-op \\d+, inter-op \\d+.*"), out);
        assertTrue(out.contains("ros master   unreachable at http://127.0.0.1:9/"), out);
        assertTrue(out.contains("mqtt broker  unreachable at tcp://127.0.0.1:9"), out);
    }

    /** libtorch that cannot be extracted (DJL_CACHE_DIR is a plain file) must give exit 1 and a clear message. */
    @Test
    void doctorExitsNonZeroWithAClearMessageWhenTheEngineCannotStart(@TempDir Path empty)
            throws IOException, InterruptedException {
        Path cache = Files.writeString(empty.resolve("not-a-folder"), "a file where the native cache should go");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                Vla4j.class.getName(), "doctor", "--ros-master", "http://127.0.0.1:9/", "--mqtt", "tcp://127.0.0.1:9",
                "--timeout", "1"));
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        Path log = empty.resolve("doctor.log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "doctor did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(DoctorCommand.ENGINE_UNAVAILABLE, process.exitValue(), output);
        assertTrue(output.contains("vla4j doctor: the tensor engine (DJL PyTorch) cannot start"), output);
    }
}
