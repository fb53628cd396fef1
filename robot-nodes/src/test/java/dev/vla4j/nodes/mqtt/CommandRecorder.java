package dev.vla4j.nodes.mqtt;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A robot that records every command it is handed. */
final class CommandRecorder implements MqttRobotServer.Commands {
    final BlockingQueue<ActionCommand> actions = new LinkedBlockingQueue<>();
    final BlockingQueue<EStopCommand> estops = new LinkedBlockingQueue<>();
    final BlockingQueue<InstructionCommand> instructions = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionState> controller = new LinkedBlockingQueue<>();

    @Override
    public void action(ActionCommand action) {
        actions.add(action);
    }

    @Override
    public void estop(EStopCommand estop) {
        estops.add(estop);
    }

    @Override
    public void instruction(InstructionCommand instruction) {
        instructions.add(instruction);
    }

    @Override
    public void controllerConnection(ConnectionState state) {
        controller.add(state);
    }

    /** Waits for the controller's next connection state that is {@code state}. */
    void awaitController(ConnectionState.State state) {
        while (Await.next("controller " + state, controller).state() != state) {
            // an earlier state (e.g. a retained ONLINE) came first
        }
    }
}
