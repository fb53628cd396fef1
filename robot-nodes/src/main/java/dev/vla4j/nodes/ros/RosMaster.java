package dev.vla4j.nodes.ros;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ROS 1 master API (specs/ros1-mqtt.md §5.3) as one caller sees it.
 *
 * <p>Every master call answers {@code [code, statusMessage, value]}; code 1 is success, anything else is
 * turned into a {@link XmlRpcException} carrying the master's message.
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

    public URI uri() {
        return client.endpoint();
    }

    /** The master's process id: the cheapest liveness check. */
    public int getPid() throws XmlRpcException {
        Object pid = call("getPid");
        if (pid instanceof Integer value) {
            return value;
        }
        throw new XmlRpcException("getPid at " + uri() + " returned " + pid + " instead of an int");
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
        List<?> reply = list(client.call(method, params), method + " reply");
        if (reply.size() != 3 || !(reply.get(0) instanceof Integer code)) {
            throw new XmlRpcException(method + " at " + uri() + " broke the [code, message, value] convention: " + reply);
        }
        if (code != 1) {
            throw new XmlRpcException(method + " at " + uri() + " failed (code " + code + "): " + reply.get(1));
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

    private static List<?> list(Object value, String what) throws XmlRpcException {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new XmlRpcException(what + " is not an array: " + value);
    }
}
