package dev.vla4j.nodes.ros;

import dev.vla4j.nodes.ros.msg.MessageType;
import dev.vla4j.nodes.ros.msg.RosMessage;
import dev.vla4j.nodes.ros.msg.Stamped;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node publishes (specs/ros1-mqtt.md §5.6–§5.11). Each {@link #publish} serializes once and
 * queues the frame on every subscriber's connection; a latched publisher also hands its last frame to each
 * new subscriber. Messages with a header get consecutive {@code seq} numbers, as rospy does. Thread-safe.
 *
 * @param <T> the message record
 */
public final class Publisher<T extends RosMessage> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final String topic;
    private final MessageType<T> type;
    private final boolean latched;
    private final NodeContext node;
    private final Consumer<Publisher<?>> onClose;
    private final List<SubscriberLink> links = new CopyOnWriteArrayList<>();
    private byte[] latchedFrame;
    private int seq;
    private boolean closed;

    Publisher(String topic, MessageType<T> type, boolean latched, NodeContext node, Consumer<Publisher<?>> onClose) {
        this.topic = topic;
        this.type = type;
        this.latched = latched;
        this.node = node;
        this.onClose = onClose;
    }

    public String topic() {
        return topic;
    }

    public MessageType<T> type() {
        return type;
    }

    public boolean latched() {
        return latched;
    }

    /** How many subscribers are connected right now. */
    public int subscriberCount() {
        return links.size();
    }

    /**
     * Sends {@code message} to every connected subscriber without waiting for any of them.
     *
     * @throws IllegalStateException when this publisher (or its node) is closed
     */
    public void publish(T message) {
        byte[] frame;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the publisher of " + topic + " is closed");
            }
            frame = TcpRos.frame(type.serialize(numbered(message)));
            if (latched) {
                latchedFrame = frame;
            }
            for (SubscriberLink link : links) {
                link.offer(frame);
            }
        }
    }

    @SuppressWarnings("unchecked") // a Stamped record's withHeader returns its own type, which is T
    private T numbered(T message) {
        if (message instanceof Stamped<?> stamped) {
            return (T) stamped.withHeader(stamped.header().withSeq(seq++));
        }
        return message;
    }

    /** Answers a subscriber's connection header: refuses a wrong md5sum, else replies and starts streaming. */
    void accept(Socket socket, Map<String, String> header) throws IOException {
        OutputStream out = socket.getOutputStream();
        String md5 = header.get("md5sum");
        String caller = header.getOrDefault("callerid", "(no callerid)");
        if (md5 == null || !(md5.equals("*") || md5.equals(type.md5()))) {
            String reason = "Client [" + caller + "] wants topic [" + topic + "] to have datatype/md5sum ["
                    + header.get("type") + "/" + md5 + "], but our version has [" + type.name() + "/" + type.md5()
                    + "] Dropping connection.";
            LOG.warn("refused a subscriber of {}: {}", topic, reason);
            out.write(TcpRos.encodeHeader(Map.of("error", reason)));
            socket.close();
            return;
        }
        socket.setTcpNoDelay("1".equals(header.get("tcp_nodelay")));
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("callerid", node.name());
        reply.put("latching", latched ? "1" : "0");
        reply.put("md5sum", type.md5());
        reply.put("message_definition", type.definition());
        reply.put("topic", topic);
        reply.put("type", type.name());
        out.write(TcpRos.encodeHeader(reply));
        out.flush();
        synchronized (this) {
            if (closed) {
                socket.close();
                return;
            }
            SubscriberLink link = new SubscriberLink(node.nextConnectionId(), caller, topic, socket,
                    node.options().queueSize(), links::remove);
            if (latchedFrame != null) {
                link.offer(latchedFrame);
            }
            links.add(link);
            link.start();
        }
        LOG.debug("{} subscribed to {}", caller, topic);
    }

    List<List<Object>> busInfo() {
        return links.stream().map(SubscriberLink::busInfo).toList();
    }

    /** {@code getBusStats} publication entry: {@code [topic, bytesSent, [[connId, bytes, frames, connected]]]}. */
    List<Object> stats() {
        List<List<Object>> connections = links.stream().map(SubscriberLink::stats).toList();
        int bytes = connections.stream().mapToInt(c -> (Integer) c.get(1)).sum();
        return List.of(topic, bytes, connections);
    }

    /** Unregisters from the master and disconnects every subscriber. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        links.forEach(SubscriberLink::close);
        onClose.accept(this);
    }
}
