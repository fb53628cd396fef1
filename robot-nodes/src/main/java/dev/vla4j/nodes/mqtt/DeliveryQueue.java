package dev.vla4j.nodes.mqtt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One thread that runs message handlers in arrival order, so a slow handler never holds up Paho's network
 * threads. {@link #offer} drops a task when the queue is full; {@link #put} waits for room instead.
 */
final class DeliveryQueue implements AutoCloseable {
    private final BlockingQueue<Runnable> tasks;
    private final Thread worker;
    private volatile boolean closed;

    DeliveryQueue(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("delivery queue capacity must be >= 1, got " + capacity);
        }
        tasks = new ArrayBlockingQueue<>(capacity);
        worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues {@code task} if there is room; false when the queue is full or closed. */
    boolean offer(Runnable task) {
        return !closed && tasks.offer(task);
    }

    /** Queues {@code task}, waiting for room; false when closed or interrupted. */
    boolean put(Runnable task) {
        if (closed) {
            return false;
        }
        try {
            tasks.put(task);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int capacity() {
        return tasks.size() + tasks.remainingCapacity();
    }

    private void run() {
        while (!closed) {
            try {
                tasks.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the worker; tasks still queued are dropped. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        tasks.clear();
    }
}
