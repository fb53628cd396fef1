package dev.vla4j.nodes.ros;

import dev.vla4j.testkit.Requirements;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A private Debian {@code rosmaster --core} on a free loopback port for one test class, with ROS_HOME and the
 * logs in a temporary folder, plus the ROS command-line tools run against it. Skips (fails in CI) when the
 * tools are not installed.
 */
public final class LocalRosMaster implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Path home;
    private final int port;
    private final List<Process> processes = new ArrayList<>();
    private final AtomicInteger outputs = new AtomicInteger();
    private Process master;

    private LocalRosMaster(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a master, or skips the test when the ROS tools are missing. */
    public static LocalRosMaster start() throws IOException {
        requireTool("rosmaster");
        requireTool("rostopic");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        LocalRosMaster ros = new LocalRosMaster(Files.createTempDirectory("vla4j-ros"), port);
        ros.startMaster();
        return ros;
    }

    /** Skips (in CI: fails) unless {@code tool} is an executable on PATH or an absolute path. */
    static Path requireTool(String tool) {
        Path found = tool.startsWith("/") ? Path.of(tool) : Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst().orElse(null);
        if (found == null || !Files.isExecutable(found)) {
            Requirements.missing(tool, "not installed (Debian: ros-core and the packages of specs/ros1-mqtt.md §1)");
        }
        return found;
    }

    public URI uri() {
        return URI.create("http://" + HOST + ":" + port + "/");
    }

    Path home() {
        return home;
    }

    /** Kills the master and starts a fresh one on the same port: it has forgotten every registration. */
    public void restart() throws IOException, InterruptedException {
        master.destroyForcibly().waitFor();
        startMaster();
    }

    private void startMaster() throws IOException {
        master = launch("rosmaster", "--core", "-p", String.valueOf(port));
        RosMaster probe = new RosMaster(uri(), "/vla4j_probe", Duration.ofSeconds(1));
        await("rosmaster on port " + port, () -> {
            try {
                return probe.getPid() > 0;
            } catch (XmlRpcException e) {
                return false;
            }
        });
    }

    /** Starts a ROS tool in the background against this master; its output goes to a file (see {@link #output}). */
    Process launch(String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("out-" + outputs.incrementAndGet() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("ROS_HOSTNAME");
        env.put("ROS_MASTER_URI", uri().toString());
        env.put("ROS_IP", HOST);
        env.put("ROS_HOME", home.toString());
        env.put("ROS_LOG_DIR", home.resolve("log").toString());
        env.put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /** Everything {@code process} printed so far. */
    String output(Process process) throws IOException {
        int index;
        synchronized (processes) {
            index = processes.indexOf(process) + 1;
        }
        return Files.readString(home.resolve("out-" + index + ".log"), StandardCharsets.UTF_8);
    }

    /** Runs a ROS tool to completion and returns its output; fails on a timeout or a non-zero exit. */
    String run(String... command) throws IOException, InterruptedException {
        Process process = launch(command);
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + WAIT + ":\n"
                    + output(process));
        }
        String out = output(process);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + out);
        }
        return out;
    }

    /** Waits (polling every 50 ms) until {@code condition} holds, failing after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Kills the master and every tool started through it, and deletes the temporary folder. */
    @Override
    public void close() throws IOException {
        synchronized (processes) {
            for (Process process : processes) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
