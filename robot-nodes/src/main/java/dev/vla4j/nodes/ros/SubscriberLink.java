package dev.vla4j.nodes.ros;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection from this node's publisher to one subscriber. Frames wait in a bounded queue that drops
 * its oldest frame when full, so a slow subscriber never blocks {@code publish} or the other subscribers;
 * one writer thread per connection drains it.
 */
final class SubscriberLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberLink.class);

    private final int connectionId;
    private final String subscriber;
    private final String topic;
    private final Socket socket;
    private final LinkedBlockingDeque<byte[]> queue;
    private final Consumer<SubscriberLink> onClose;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean(true);

    SubscriberLink(int connectionId, String subscriber, String topic, Socket socket, int queueSize,
                   Consumer<SubscriberLink> onClose) {
        this.connectionId = connectionId;
        this.subscriber = subscriber;
        this.topic = topic;
        this.socket = socket;
        this.queue = new LinkedBlockingDeque<>(queueSize);
        this.onClose = onClose;
    }

    /** Starts the writer thread. */
    void start() {
        DaemonThreads.start("tcpros-out-" + topic + "-" + connectionId, this::drain, true);
    }

    /** Queues a frame (length prefix included), dropping the oldest queued frame when the queue is full. */
    void offer(byte[] frame) {
        while (open.get() && !queue.offerLast(frame)) {
            queue.pollFirst();
        }
    }

    private void drain() {
        try (socket; OutputStream out = socket.getOutputStream()) {
            while (open.get()) {
                byte[] frame = queue.take();
                out.write(frame);
                bytesSent.addAndGet(frame.length);
                framesSent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (open.get()) {
                LOG.info("subscriber {} of {} disconnected (connection {}): {}", subscriber, topic, connectionId,
                        e.getMessage());
            }
        } finally {
            close();
        }
    }

    /** {@code getBusInfo} entry: {@code [connId, destId, 'o', 'TCPROS', topic, connected, info]}. */
    List<Object> busInfo() {
        return List.of(connectionId, subscriber, "o", "TCPROS", topic, open.get(),
                "TCPROS connection on port " + socket.getLocalPort() + " to [" + socket.getRemoteSocketAddress() + "]");
    }

    /** {@code getBusStats} entry: {@code [connId, bytesSent, numSent, connected]}. */
    List<Object> stats() {
        return List.of(connectionId, (int) Math.min(Integer.MAX_VALUE, bytesSent.get()),
                (int) Math.min(Integer.MAX_VALUE, framesSent.get()), open.get());
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            queue.clear();
            // Wakes the writer if it waits for a frame; closing the socket stops one blocked in a write.
            queue.offer(new byte[0]);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the connection to {} failed", subscriber, e);
            }
            onClose.accept(this);
        }
    }
}
