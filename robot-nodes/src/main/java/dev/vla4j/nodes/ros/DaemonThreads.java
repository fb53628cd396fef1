package dev.vla4j.nodes.ros;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the node's threads and makes them daemons, so a forgotten node never keeps the JVM alive. */
final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return start(prefix + "-" + count.incrementAndGet(), task, false);
    }

    /** A daemon thread named {@code name}, started when {@code start} is true. */
    static Thread start(String name, Runnable task, boolean start) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        if (start) {
            thread.start();
        }
        return thread;
    }
}
