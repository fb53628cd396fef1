package dev.vla4j.nodes.ros;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROS 1 master API (specs/ros1-mqtt.md §5.3) as one caller sees it.
 *
 * <p>Every master call answers {@code [code, statusMessage, value]}; code 1 is success, anything else is
 * turned into a {@link Refused} carrying the master's code and message. The parameter server, at the same
 * address, is reached through {@link #parameters()}.
 */
public final class RosMaster {
    private final XmlRpcClient client;
    private final String callerId;

    public RosMaster(URI masterUri, String callerId, Duration timeout) {
        this.client = new XmlRpcClient(masterUri, timeout);
        this.callerId = callerId;
    }

    /** Who publishes, subscribes and serves what: topic or service name → node names. */
    public record SystemState(Map<String, List<String>> publishers, Map<String, List<String>> subscribers,
                              Map<String, List<String>> services) {
        public List<String> publishersOf(String topic) {
            return publishers.getOrDefault(topic, List.of());
        }
    }

    /** The master answered with code 0 (failure) or -1 (caller error), e.g. for a parameter that is not set. */
    public static final class Refused extends XmlRpcException {
        private final int code;

        Refused(String message, int code) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public URI uri() {
        return client.endpoint();
    }

    /** The name this client calls as. */
    public String callerId() {
        return callerId;
    }

    /** The parameter server API (§5.4) at the master's address, for the same caller. */
    public RosParameters parameters() {
        return new RosParameters(this);
    }

    /** Registers {@code callerApi} as a publisher of {@code topic}; returns the current subscribers' slave URIs. */
    public List<String> registerPublisher(String topic, String type, URI callerApi) throws XmlRpcException {
        return strings(call("registerPublisher", topic, type, callerApi.toString()), "registerPublisher value");
    }

    /** Returns 1 when a registration was removed, 0 when there was none for {@code callerApi}. */
    public int unregisterPublisher(String topic, URI callerApi) throws XmlRpcException {
        return integer(call("unregisterPublisher", topic, callerApi.toString()), "unregisterPublisher");
    }

    /** Registers {@code callerApi} as a subscriber of {@code topic}; returns the current publishers' slave URIs. */
    public List<String> registerSubscriber(String topic, String type, URI callerApi) throws XmlRpcException {
        return strings(call("registerSubscriber", topic, type, callerApi.toString()), "registerSubscriber value");
    }

    /** Returns 1 when a registration was removed, 0 when there was none for {@code callerApi}. */
    public int unregisterSubscriber(String topic, URI callerApi) throws XmlRpcException {
        return integer(call("unregisterSubscriber", topic, callerApi.toString()), "unregisterSubscriber");
    }

    /** The slave API URI of node {@code nodeName}. */
    public URI lookupNode(String nodeName) throws XmlRpcException {
        return URI.create(String.valueOf(call("lookupNode", nodeName)));
    }

    /** Topics that have publishers (under {@code subgraph}, "" for all): topic → type. */
    public Map<String, String> getPublishedTopics(String subgraph) throws XmlRpcException {
        return topicTypes(call("getPublishedTopics", subgraph));
    }

    /** Every topic the master knows a type for: topic → type. */
    public Map<String, String> getTopicTypes() throws XmlRpcException {
        return topicTypes(call("getTopicTypes"));
    }

    /** The master's own URI, as it reports it. */
    public URI getUri() throws XmlRpcException {
        return URI.create(String.valueOf(call("getUri")));
    }

    /** The master's process id: the cheapest liveness check. */
    public int getPid() throws XmlRpcException {
        return integer(call("getPid"), "getPid");
    }

    public SystemState getSystemState() throws XmlRpcException {
        List<?> state = list(call("getSystemState"), "getSystemState value");
        if (state.size() != 3) {
            throw new XmlRpcException("getSystemState returned " + state.size() + " lists instead of 3");
        }
        return new SystemState(namesToNodes(state.get(0)), namesToNodes(state.get(1)), namesToNodes(state.get(2)));
    }

    /** Calls a master method with this caller id first and unwraps the ROS return convention. */
    public Object call(String method, Object... args) throws XmlRpcException {
        Object[] params = new Object[args.length + 1];
        params[0] = callerId;
        System.arraycopy(args, 0, params, 1, args.length);
        return unwrap(method, uri(), client.call(method, params));
    }

    /** The value of a {@code [code, statusMessage, value]} reply from a master or a node; code 1 or an exception. */
    static Object unwrap(String method, URI from, Object answer) throws XmlRpcException {
        List<?> reply = list(answer, method + " reply");
        if (reply.size() != 3 || !(reply.get(0) instanceof Integer code)) {
            throw new XmlRpcException(method + " at " + from + " broke the [code, message, value] convention: " + reply);
        }
        if (code != 1) {
            throw new Refused(method + " at " + from + " failed (code " + code + "): " + reply.get(1), code);
        }
        return reply.get(2);
    }

    private static Map<String, List<String>> namesToNodes(Object entries) throws XmlRpcException {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Object entry : list(entries, "system state entry list")) {
            List<?> pair = list(entry, "system state entry");
            if (pair.size() != 2 || !(pair.get(0) instanceof String name)) {
                throw new XmlRpcException("malformed system state entry: " + pair);
            }
            byName.put(name, list(pair.get(1), "node list of " + name).stream().map(String::valueOf).toList());
        }
        return byName;
    }

    private Map<String, String> topicTypes(Object entries) throws XmlRpcException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Object entry : list(entries, "topic/type list")) {
            List<String> pair = strings(entry, "topic/type pair");
            if (pair.size() != 2) {
                throw new XmlRpcException("malformed topic/type pair from " + uri() + ": " + pair);
            }
            types.put(pair.get(0), pair.get(1));
        }
        return types;
    }

    private int integer(Object value, String what) throws XmlRpcException {
        if (value instanceof Integer number) {
            return number;
        }
        throw new XmlRpcException(what + " at " + uri() + " returned " + value + " instead of an int");
    }

    static List<String> strings(Object value, String what) throws XmlRpcException {
        List<String> out = new ArrayList<>();
        for (Object item : list(value, what)) {
            if (!(item instanceof String text)) {
                throw new XmlRpcException(what + " holds " + item + ", not a string");
            }
            out.add(text);
        }
        return out;
    }

    static List<?> list(Object value, String what) throws XmlRpcException {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new XmlRpcException(what + " is not an array: " + value);
    }
}
