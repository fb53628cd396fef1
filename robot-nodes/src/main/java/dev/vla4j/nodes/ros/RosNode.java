package dev.vla4j.nodes.ros;

import dev.vla4j.nodes.ros.msg.MessageType;
import dev.vla4j.nodes.ros.msg.RosMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A native ROS 1 node (specs/ros1-mqtt.md §5): serves the slave API over XML-RPC and a TCPROS port, registers its
 * publishers and subscribers with the master, and registers them again when the master restarts.
 *
 * <p>Names are global: {@code chatter} means {@code /chatter}, {@code ~x} means {@code /node/x}. Thread-safe;
 * all threads are daemons; a bad message or a dead peer is logged and never stops the node. {@link #close()}
 * unregisters everything and closes every socket. The master may also end the node: {@code rosnode kill} or a
 * second node with the same name calls {@code shutdown}, which runs the {@link #onShutdown} listeners and closes it.
 */
public final class RosNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RosNode.class);

    private final NodeContext context;
    private final String host;
    private final RosMaster master;
    private final Map<String, Publisher<?>> publishers = new ConcurrentHashMap<>();
    private final Map<String, Subscriber<?>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, List<BiConsumer<String, Object>>> parameterListeners = new ConcurrentHashMap<>();
    private final List<Consumer<String>> shutdownListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final XmlRpcServer slave;
    private final TcpRosServer tcp;
    private final MasterWatch watch;

    private RosNode(String name, RosMaster master, int masterPid, String host, RosNodeOptions options)
            throws IOException {
        this.context = new NodeContext(name, options);
        this.host = host;
        this.master = master;
        this.tcp = TcpRosServer.start(host, context, publishers::get);
        try {
            this.slave = XmlRpcServer.start(new InetSocketAddress(host, 0), host, "ros-slave" + name.replace('/', '-'),
                    new SlaveApi(this));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
        this.watch = new MasterWatch(master, masterPid, options.masterPollPeriod(), this::registerAll);
    }

    /** Starts a node with {@link RosNodeOptions#DEFAULTS}. */
    public static RosNode start(String name, URI masterUri, String host) throws IOException {
        return start(name, masterUri, host, RosNodeOptions.DEFAULTS);
    }

    /**
     * Starts node {@code name} talking to the master at {@code masterUri}, listening on and advertising {@code host}
     * (what ROS_IP would be, e.g. {@code 127.0.0.1}).
     *
     * @throws XmlRpcException when the master does not answer
     */
    public static RosNode start(String name, URI masterUri, String host, RosNodeOptions options) throws IOException {
        String nodeName = name.startsWith("/") ? name : "/" + name;
        if (!nodeName.matches("(/[A-Za-z][A-Za-z0-9_]*)+")) {
            throw new IllegalArgumentException("not a valid ROS node name: '" + name + "'");
        }
        RosMaster master = new RosMaster(masterUri, nodeName, options.callTimeout());
        return new RosNode(nodeName, master, master.getPid(), host, options);
    }

    /** The node's global name, e.g. {@code /robot_bridge}. */
    public String name() {
        return context.name();
    }

    /** The slave API address the master and peers call. */
    public URI slaveUri() {
        return slave.uri();
    }

    public URI masterUri() {
        return master.uri();
    }

    /** The master API as this node calls it (lookups, system state). */
    public RosMaster master() {
        return master;
    }

    /** The parameter server as this node calls it. */
    public RosParameters parameters() {
        return master.parameters();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** {@code topic} as a global name. */
    public String resolve(String topic) {
        if (topic.startsWith("/")) {
            return topic;
        }
        return topic.startsWith("~") ? name() + "/" + topic.substring(1) : "/" + topic;
    }

    /**
     * Advertises {@code topic}. A latched publisher gives its last message to every subscriber that connects later
     * (use it for e-stop and state, never for velocity streams).
     *
     * @throws IllegalStateException when this node already publishes the topic
     */
    public <T extends RosMessage> Publisher<T> publisher(String topic, MessageType<T> type, boolean latched)
            throws XmlRpcException {
        Publisher<T> publisher = new Publisher<>(resolve(topic), type, latched, context, this::unregister);
        claim(publishers, publisher.topic(), publisher, "publishes");
        try {
            master.registerPublisher(publisher.topic(), type.name(), slaveUri());
        } catch (XmlRpcException e) {
            publishers.remove(publisher.topic(), publisher);
            throw e;
        }
        return publisher;
    }

    /**
     * Subscribes to {@code topic}; {@code listener} gets each decoded message on the connection's thread.
     *
     * @throws IllegalStateException when this node already subscribes to the topic
     */
    public <T extends RosMessage> Subscriber<T> subscribe(String topic, MessageType<T> type, Consumer<T> listener)
            throws XmlRpcException {
        Subscriber<T> subscriber = new Subscriber<>(resolve(topic), type, listener, context, this::unregister);
        claim(subscribers, subscriber.topic(), subscriber, "subscribes to");
        try {
            subscriber.update(master.registerSubscriber(subscriber.topic(), type.name(), slaveUri()));
        } catch (XmlRpcException e) {
            subscribers.remove(subscriber.topic(), subscriber);
            throw e;
        }
        return subscriber;
    }

    /**
     * Calls {@code listener(key, value)} whenever the parameter {@code key} (or one below it) changes on the
     * parameter server; {@code key} arrives without the trailing {@code /} the master adds.
     *
     * @return the current value, an empty map when unset
     */
    public Object onParameter(String key, BiConsumer<String, Object> listener) throws XmlRpcException {
        String resolved = resolve(key);
        parameterListeners.computeIfAbsent(resolved, k -> new CopyOnWriteArrayList<>()).add(listener);
        return parameters().subscribe(slaveUri(), resolved);
    }

    /** Runs {@code listener(reason)} when the master or a tool asks this node to shut down. */
    public void onShutdown(Consumer<String> listener) {
        shutdownListeners.add(listener);
    }

    private <V> void claim(Map<String, V> endpoints, String topic, V endpoint, String verb) {
        if (closed.get()) {
            throw new IllegalStateException("node " + name() + " is closed");
        }
        if (endpoints.putIfAbsent(topic, endpoint) != null) {
            throw new IllegalStateException("node " + name() + " already " + verb + " " + topic + "; share that one");
        }
    }

    private void unregister(Publisher<?> publisher) {
        if (publishers.remove(publisher.topic(), publisher)) {
            bestEffort("unregisterPublisher " + publisher.topic(),
                    () -> master.unregisterPublisher(publisher.topic(), slaveUri()));
        }
    }

    private void unregister(Subscriber<?> subscriber) {
        if (subscribers.remove(subscriber.topic(), subscriber)) {
            bestEffort("unregisterSubscriber " + subscriber.topic(),
                    () -> master.unregisterSubscriber(subscriber.topic(), slaveUri()));
        }
    }

    private void bestEffort(String what, MasterAction call) {
        try {
            call.run();
        } catch (XmlRpcException e) {
            LOG.warn("{} for {} failed: {}", what, name(), e.getMessage());
        }
    }

    /** After a master restart: every publisher, subscriber and parameter subscription again. */
    private void registerAll() throws XmlRpcException {
        for (Publisher<?> publisher : publishers.values()) {
            master.registerPublisher(publisher.topic(), publisher.type().name(), slaveUri());
        }
        for (Subscriber<?> subscriber : subscribers.values()) {
            subscriber.update(master.registerSubscriber(subscriber.topic(), subscriber.type().name(), slaveUri()));
        }
        for (String key : parameterListeners.keySet()) {
            parameters().subscribe(slaveUri(), key);
        }
    }

    // Called by the slave API.

    String host() {
        return host;
    }

    int tcpPort() {
        return tcp.port();
    }

    Publisher<?> publisher(String topic) {
        return publishers.get(topic);
    }

    Subscriber<?> subscriber(String topic) {
        return subscribers.get(topic);
    }

    List<Publisher<?>> publishers() {
        return List.copyOf(publishers.values());
    }

    List<Subscriber<?>> subscribers() {
        return List.copyOf(subscribers.values());
    }

    void parameterUpdated(String key, Object value) {
        String changed = key.endsWith("/") && key.length() > 1 ? key.substring(0, key.length() - 1) : key;
        parameterListeners.forEach((subscribed, listeners) -> {
            if (changed.equals(subscribed) || changed.startsWith(subscribed + "/") || subscribed.startsWith(changed + "/")) {
                for (BiConsumer<String, Object> listener : listeners) {
                    try {
                        listener.accept(changed, value);
                    } catch (RuntimeException e) {
                        LOG.warn("a parameter listener of {} failed on {}", name(), changed, e);
                    }
                }
            }
        });
    }

    void shutdownRequested(String caller, String reason) {
        LOG.warn("node {} asked to shut down by {}: {}", name(), caller, reason);
        for (Consumer<String> listener : shutdownListeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                LOG.warn("a shutdown listener of {} failed", name(), e);
            }
        }
        // Closing waits for this very call to be answered, so it runs on its own thread.
        DaemonThreads.start("ros-shutdown" + name().replace('/', '-'), this::close, true);
    }

    /** Unregisters every publisher, subscriber and parameter subscription, then closes all sockets. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.close();
        publishers.values().forEach(Publisher::close);
        subscribers.values().forEach(Subscriber::close);
        for (String key : parameterListeners.keySet()) {
            bestEffort("unsubscribeParam " + key, () -> parameters().unsubscribe(slaveUri(), key));
        }
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the TCPROS port of {} failed", name(), e);
        }
        slave.close();
    }
}
