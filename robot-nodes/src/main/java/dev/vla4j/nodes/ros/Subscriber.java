package dev.vla4j.nodes.ros;

import dev.vla4j.nodes.ros.msg.MessageType;
import dev.vla4j.nodes.ros.msg.RosMessage;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A topic this node subscribes to: one {@link PublisherLink} per publisher the master lists, kept in step with
 * {@code publisherUpdate} (new publishers connected, removed ones dropped). The listener is called on the
 * connection's thread, so it may run concurrently for messages from different publishers.
 *
 * @param <T> the message record
 */
public final class Subscriber<T extends RosMessage> implements AutoCloseable {
    private final String topic;
    private final MessageType<T> type;
    private final Consumer<T> listener;
    private final NodeContext node;
    private final Consumer<Subscriber<?>> onClose;
    private final Map<URI, PublisherLink<T>> links = new LinkedHashMap<>();
    private boolean closed;

    Subscriber(String topic, MessageType<T> type, Consumer<T> listener, NodeContext node,
               Consumer<Subscriber<?>> onClose) {
        this.topic = topic;
        this.type = type;
        this.listener = listener;
        this.node = node;
        this.onClose = onClose;
    }

    public String topic() {
        return topic;
    }

    public MessageType<T> type() {
        return type;
    }

    /** How many publishers this subscriber is connected to right now. */
    public synchronized int publisherCount() {
        return (int) links.values().stream().filter(PublisherLink::connected).count();
    }

    /** Connects to publishers new in {@code publisherUris} and drops those no longer listed. */
    synchronized void update(List<String> publisherUris) {
        if (closed) {
            return;
        }
        Set<URI> wanted = new HashSet<>();
        publisherUris.forEach(uri -> wanted.add(URI.create(uri)));
        links.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        for (URI uri : wanted) {
            if (!links.containsKey(uri)) {
                PublisherLink<T> link = new PublisherLink<>(uri, topic, type, listener, node);
                links.put(uri, link);
                link.start();
            }
        }
    }

    synchronized List<List<Object>> busInfo() {
        return links.values().stream().map(PublisherLink::busInfo).toList();
    }

    /** {@code getBusStats} subscription entry: {@code [topic, [[connId, bytes, drops, connected]]]}. */
    synchronized List<Object> stats() {
        return List.of(topic, links.values().stream().map(PublisherLink::stats).toList());
    }

    /** Unregisters from the master and closes every publisher connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            links.values().forEach(PublisherLink::close);
            links.clear();
        }
        onClose.accept(this);
    }
}
