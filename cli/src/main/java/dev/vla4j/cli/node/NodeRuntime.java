package dev.vla4j.cli.node;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Runs a node until Ctrl-C (a shutdown hook closes it: the node's explicit stop) or for a fixed time. */
final class NodeRuntime {
    private NodeRuntime() {}

    static void runUntilStopped(AutoCloseable node, Duration duration, PrintWriter err, String name) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                err.println("vla4j node " + name + ": stopping failed: " + e);
            } finally {
                closed.countDown();
            }
        }, "vla4j-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("vla4j node " + name + ": running" + (duration == null ? "; Ctrl-C stops it" : " for "
                + duration.toSeconds() + " s"));
        err.flush();
        if (duration == null) {
            closed.await();
            return;
        }
        Thread.sleep(duration.toMillis());
        Runtime.getRuntime().removeShutdownHook(hook);
        hook.run();
    }
}
