package dev.vla4j.nodes.ros;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a master restart: asks the master for its pid every period, and when the master was unreachable and
 * answers again, or answers with another pid, has the node register everything again (a restarted master has
 * forgotten it). A failed re-registration is retried at the next poll.
 */
final class MasterWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWatch.class);

    private final RosMaster master;
    private final MasterAction registration;
    private final ScheduledExecutorService timer;
    private int pid;
    private boolean lost;

    /** {@code registration} registers all of a node's publishers, subscribers and parameter subscriptions. */
    MasterWatch(RosMaster master, int pid, Duration period, MasterAction registration) {
        this.master = master;
        this.pid = pid;
        this.registration = registration;
        this.timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("ros-master-watch"));
        timer.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        int now;
        try {
            now = master.getPid();
        } catch (XmlRpcException e) {
            if (!lost) {
                LOG.warn("lost the ROS master at {}: {}", master.uri(), e.getMessage());
                lost = true;
            }
            return;
        }
        if (!lost && now == pid) {
            return;
        }
        LOG.info("the ROS master at {} is back (pid {} → {}); registering again", master.uri(), pid, now);
        try {
            registration.run();
            pid = now;
            lost = false;
        } catch (XmlRpcException | RuntimeException e) {
            LOG.warn("registering again with the ROS master at {} failed, retrying: {}", master.uri(), e.getMessage());
            lost = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
