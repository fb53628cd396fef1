package dev.vla4j.nodes.web.remote;

import dev.vla4j.nodes.web.CameraImage;
import dev.vla4j.nodes.web.RobotStatus;
import dev.vla4j.nodes.web.TeleopBackend;
import java.util.concurrent.atomic.AtomicLong;

/** What a page would receive from a backend: frames and statuses, counted. */
final class PageTap implements TeleopBackend.Listener {
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong statuses = new AtomicLong();

    @Override
    public void onFrame(CameraImage frame) {
        frames.incrementAndGet();
    }

    @Override
    public void onStatus(RobotStatus status) {
        statuses.incrementAndGet();
    }

    long frames() {
        return frames.get();
    }

    long statuses() {
        return statuses.get();
    }
}
