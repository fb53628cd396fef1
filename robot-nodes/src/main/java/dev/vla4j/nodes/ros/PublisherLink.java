package dev.vla4j.nodes.ros;

import dev.vla4j.nodes.ros.msg.MalformedMessageException;
import dev.vla4j.nodes.ros.msg.MessageType;
import dev.vla4j.nodes.ros.msg.RosMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's subscription to one remote publisher: asks it for a TCPROS endpoint ({@code requestTopic}),
 * exchanges connection headers, then reads frames and hands each decoded message to the listener. A lost
 * connection is retried with a growing pause until the link is closed; a refusal (an {@code error} header or a
 * wrong md5sum) is logged and not retried. A malformed frame is logged and dropped; a broken stream (truncated,
 * oversized) drops the connection. Nothing a publisher sends can stop the node.
 */
final class PublisherLink<T extends RosMessage> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherLink.class);
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 5_000;

    /** The publisher refused this subscriber, or speaks another type: reconnecting cannot help. */
    private static final class Rejected extends IOException {
        Rejected(String message) {
            super(message);
        }
    }

    private final URI publisherUri;
    private final String topic;
    private final MessageType<T> type;
    private final Consumer<T> listener;
    private final NodeContext node;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final Thread thread;
    private volatile Socket socket;
    private volatile int connectionId;

    PublisherLink(URI publisherUri, String topic, MessageType<T> type, Consumer<T> listener, NodeContext node) {
        this.publisherUri = publisherUri;
        this.topic = topic;
        this.type = type;
        this.listener = listener;
        this.node = node;
        this.thread = DaemonThreads.start("tcpros-in-" + topic + "-" + publisherUri.getPort(), this::run, false);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long retryMs = FIRST_RETRY_MS;
        while (open.get()) {
            try {
                if (connectAndRead()) {
                    retryMs = FIRST_RETRY_MS;
                }
            } catch (Rejected e) {
                LOG.warn("not subscribing {} to {}: {}", topic, publisherUri, e.getMessage());
                return;
            } catch (IOException e) {
                if (open.get()) {
                    LOG.warn("connection to publisher {} of {} failed, retrying in {} ms: {}", publisherUri, topic,
                            retryMs, e.getMessage());
                }
            } finally {
                closeSocket();
            }
            try {
                Thread.sleep(retryMs);
            } catch (InterruptedException e) {
                return;
            }
            retryMs = Math.min(2 * retryMs, LAST_RETRY_MS);
        }
    }

    /** One connection's life; true when the handshake succeeded, so the next retry may come quickly. */
    private boolean connectAndRead() throws IOException {
        InetSocketAddress address = requestTopic();
        int timeoutMs = (int) node.options().callTimeout().toMillis();
        Socket connection = new Socket();
        socket = connection;
        if (!open.get()) {
            return false;
        }
        connection.connect(address, timeoutMs);
        connection.setTcpNoDelay(true);
        connection.setKeepAlive(true);
        connection.setSoTimeout(timeoutMs);
        connection.getOutputStream().write(TcpRos.encodeHeader(requestHeader()));
        InputStream in = new BufferedInputStream(connection.getInputStream(), 1 << 16);
        checkReply(TcpRos.readHeader(in));
        connection.setSoTimeout(0);
        connectionId = node.nextConnectionId();
        LOG.debug("subscribed to {} at {}", topic, publisherUri);
        readFrames(in);
        if (open.get()) {
            LOG.info("publisher {} of {} closed the connection", publisherUri, topic);
        }
        return true;
    }

    private InetSocketAddress requestTopic() throws IOException {
        XmlRpcClient slave = new XmlRpcClient(publisherUri, node.options().callTimeout());
        Object reply = RosMaster.unwrap("requestTopic", publisherUri,
                slave.call("requestTopic", node.name(), topic, List.of(List.of("TCPROS"))));
        List<?> protocol = RosMaster.list(reply, "requestTopic protocol");
        if (protocol.size() < 3 || !"TCPROS".equals(protocol.get(0)) || !(protocol.get(2) instanceof Integer port)) {
            throw new Rejected("requestTopic at " + publisherUri + " offered " + protocol + " instead of TCPROS");
        }
        return new InetSocketAddress(String.valueOf(protocol.get(1)), port);
    }

    private Map<String, String> requestHeader() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("callerid", node.name());
        header.put("topic", topic);
        header.put("type", type.name());
        header.put("md5sum", type.md5());
        header.put("message_definition", type.definition());
        header.put("tcp_nodelay", "1");
        return header;
    }

    private void checkReply(Map<String, String> reply) throws Rejected {
        if (reply.containsKey("error")) {
            throw new Rejected("the publisher refused: " + reply.get("error"));
        }
        String md5 = reply.get("md5sum");
        if (md5 == null || !(md5.equals("*") || md5.equals(type.md5()))) {
            throw new Rejected("the publisher sends [" + reply.get("type") + "/" + md5 + "] but this subscriber"
                    + " expects [" + type.name() + "/" + type.md5() + "]");
        }
    }

    private void readFrames(InputStream in) throws IOException {
        while (open.get()) {
            byte[] frame = TcpRos.readFrame(in, node.options().maxFrameBytes(), type.name() + " message frame");
            if (frame == null) {
                return;
            }
            bytesReceived.addAndGet(4L + frame.length);
            T message;
            try {
                message = type.deserialize(frame);
            } catch (MalformedMessageException e) {
                framesDropped.incrementAndGet();
                LOG.warn("dropped a malformed frame on {} from {}: {}", topic, publisherUri, e.getMessage());
                continue;
            }
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("the listener of {} failed on a message from {}", topic, publisherUri, e);
            }
        }
    }

    boolean connected() {
        Socket current = socket;
        return open.get() && current != null && current.isConnected() && !current.isClosed();
    }

    /** {@code getBusInfo} entry: {@code [connId, publisherUri, 'i', 'TCPROS', topic, connected, info]}. */
    List<Object> busInfo() {
        return List.of(connectionId, publisherUri.toString(), "i", "TCPROS", topic, connected(),
                "TCPROS connection to [" + publisherUri + "]");
    }

    /** {@code getBusStats} entry: {@code [connId, bytesReceived, dropEstimate, connected]}. */
    List<Object> stats() {
        return List.of(connectionId, (int) Math.min(Integer.MAX_VALUE, bytesReceived.get()),
                (int) Math.min(Integer.MAX_VALUE, framesDropped.get()), connected());
    }

    private void closeSocket() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("closing the connection to {} failed", publisherUri, e);
            }
        }
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            closeSocket();
            thread.interrupt();
        }
    }
}
