package dev.vla4j.nodes.control;

import dev.vla4j.nodes.robot.ControllerStatus;
import dev.vla4j.nodes.robot.SimStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What an independent subscriber sees of the simulated robot's and the controller's status topics. */
final class StatusTap {
    private final AtomicReference<SimStatus> latest = new AtomicReference<>();
    private final AtomicReference<ControllerStatus> controller = new AtomicReference<>();
    private final AtomicBoolean sawSuccess = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();

    void accept(SimStatus status) {
        latest.set(status);
        received.incrementAndGet();
        if (status.success()) {
            sawSuccess.set(true);
        }
    }

    void accept(ControllerStatus status) {
        controller.set(status);
    }

    ControllerStatus controller() {
        return controller.get();
    }

    SimStatus latest() {
        return latest.get();
    }

    boolean sawSuccess() {
        return sawSuccess.get();
    }

    long received() {
        return received.get();
    }
}
