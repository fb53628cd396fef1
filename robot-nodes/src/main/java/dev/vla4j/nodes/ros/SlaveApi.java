package dev.vla4j.nodes.ros;

import java.util.ArrayList;
import java.util.List;

/**
 * The slave API a ROS 1 node serves to the master and its peers (specs/ros1-mqtt.md §5.5). Answers follow the
 * {@code [code, statusMessage, value]} convention; a caller error is code -1, an unknown method a fault.
 */
final class SlaveApi implements XmlRpcServer.Handler {
    private static final int PID = (int) ProcessHandle.current().pid();
    private final RosNode node;

    SlaveApi(RosNode node) {
        this.node = node;
    }

    @Override
    public Object handle(String method, List<Object> params) throws XmlRpcException {
        return switch (method) {
            case "getPid" -> ok(PID);
            case "getMasterUri" -> ok(node.masterUri().toString());
            case "getPublications" -> ok(node.publishers().stream()
                    .map(p -> List.of(p.topic(), p.type().name())).toList());
            case "getSubscriptions" -> ok(node.subscribers().stream()
                    .map(s -> List.of(s.topic(), s.type().name())).toList());
            case "getBusInfo" -> ok(busInfo());
            case "getBusStats" -> ok(List.of(
                    node.publishers().stream().map(Publisher::stats).toList(),
                    node.subscribers().stream().map(Subscriber::stats).toList(),
                    List.of()));
            case "requestTopic" -> requestTopic(text(params, 1, method), params.size() > 2 ? params.get(2) : null);
            case "publisherUpdate" -> publisherUpdate(text(params, 1, method), params.size() > 2 ? params.get(2) : null);
            case "paramUpdate" -> paramUpdate(text(params, 1, method), params.size() > 2 ? params.get(2) : null);
            case "shutdown" -> {
                node.shutdownRequested(text(params, 0, method), params.size() > 1 ? String.valueOf(params.get(1)) : "");
                yield ok(0);
            }
            default -> throw new XmlRpcException("method " + method + " is not part of the ROS slave API");
        };
    }

    private Object requestTopic(String topic, Object protocols) {
        Publisher<?> publisher = node.publisher(topic);
        if (publisher == null) {
            return List.of(-1, "node " + node.name() + " does not publish " + topic, List.of());
        }
        if (!(protocols instanceof List<?> offered)
                || offered.stream().noneMatch(p -> p instanceof List<?> l && !l.isEmpty() && "TCPROS".equals(l.get(0)))) {
            return List.of(0, "only TCPROS is supported, the caller offered " + protocols, List.of());
        }
        return List.of(1, "ready on " + node.host() + ":" + node.tcpPort(),
                List.of("TCPROS", node.host(), node.tcpPort()));
    }

    private Object publisherUpdate(String topic, Object publishers) throws XmlRpcException {
        Subscriber<?> subscriber = node.subscriber(topic);
        if (subscriber == null) {
            return List.of(-1, "node " + node.name() + " does not subscribe to " + topic, 0);
        }
        subscriber.update(RosMaster.strings(publishers, "publisherUpdate publishers"));
        return ok(0);
    }

    private Object paramUpdate(String key, Object value) {
        if (value == null) {
            return List.of(-1, "paramUpdate needs a key and a value", 0);
        }
        node.parameterUpdated(key, value);
        return ok(0);
    }

    private List<Object> busInfo() {
        List<Object> connections = new ArrayList<>();
        node.publishers().forEach(p -> connections.addAll(p.busInfo()));
        node.subscribers().forEach(s -> connections.addAll(s.busInfo()));
        return connections;
    }

    private static String text(List<Object> params, int index, String method) throws XmlRpcException {
        if (params.size() <= index || !(params.get(index) instanceof String value)) {
            throw new XmlRpcException(method + " needs a string as argument " + (index + 1) + ", got " + params);
        }
        return value;
    }

    private static List<Object> ok(Object value) {
        return List.of(1, "", value);
    }
}
