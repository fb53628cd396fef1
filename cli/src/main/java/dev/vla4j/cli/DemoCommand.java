package dev.vla4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The one-command demo. Its parts do not exist yet, so it says which are missing and fails; it never fakes a run. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded broker + simulated robot + controller + web UI [not available yet: see the message].")
final class DemoCommand implements Callable<Integer> {
    static final int NOT_AVAILABLE = 3;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("""
                vla4j demo is not available yet. It needs parts that are still being built:
                  - the simulator and its scripted expert (sim/)
                  - the MQTT transport, the sim-robot node and the controller node (robot-nodes/)
                  - the teleoperation web UI (robot-nodes/)
                What works today: ./vla4j doctor, and the test suite (mvn -B verify).""");
        return NOT_AVAILABLE;
    }
}
