package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Vla4jCommandTest {


    @Test
    void helpListsTheSubcommandsThatExist() {
        CliRun result = CliRun.of("--help");
        assertEquals(0, result.code());
        String help = result.out();
        assertTrue(help.contains("doctor") && help.contains("demo"), help);
    }

    @Test
    void noSubcommandShowsUsageAndFails() {
        CliRun result = CliRun.of();
        assertNotEquals(0, result.code());
        assertTrue(result.err().contains("Missing subcommand"), result.err());
    }

    @Test
    void doctorReportsAWorkingEngineAndDeadPeersWithoutFailing() {
        CliRun result = CliRun.of("doctor", "--ros-master", "http://127.0.0.1:9/", "--mqtt", "tcp://127.0.0.1:9",
                "--timeout", "1");
        String out = result.out();
        assertEquals(0, result.code(), out + result.err());
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
