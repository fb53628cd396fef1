package dev.vla4j.nodes.ros;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The ROS 1 parameter server API (specs/ros1-mqtt.md §5.4), served by the master. Values are XML-RPC values:
 * {@link Integer}, {@link Double}, {@link Boolean}, {@link String}, {@link List}, and {@link java.util.Map}
 * for a namespace (setting a map sets a subtree).
 */
public final class RosParameters {
    private static final int CALLER_ERROR = -1;
    private final RosMaster master;

    RosParameters(RosMaster master) {
        this.master = master;
    }

    /** The value of {@code key}; a {@link RosMaster.Refused} with code -1 when it is not set. */
    public Object get(String key) throws XmlRpcException {
        return master.call("getParam", key);
    }

    /** The value of {@code key}, or empty when it is not set. */
    public Optional<Object> find(String key) throws XmlRpcException {
        return unlessMissing(() -> get(key));
    }

    public void set(String key, Object value) throws XmlRpcException {
        master.call("setParam", key, value);
    }

    public boolean has(String key) throws XmlRpcException {
        return Boolean.TRUE.equals(master.call("hasParam", key));
    }

    public void delete(String key) throws XmlRpcException {
        master.call("deleteParam", key);
    }

    /** The nearest key named {@code key}, searching upward from the caller's namespace; empty if none. */
    public Optional<String> search(String key) throws XmlRpcException {
        return unlessMissing(() -> String.valueOf(master.call("searchParam", key)));
    }

    /** Every parameter name (leaves only). */
    public List<String> names() throws XmlRpcException {
        return RosMaster.strings(master.call("getParamNames"), "getParamNames value");
    }

    /**
     * Asks the master to call {@code paramUpdate} on {@code callerApi} when {@code key} changes.
     *
     * @return the current value, an empty map when unset
     */
    public Object subscribe(URI callerApi, String key) throws XmlRpcException {
        return master.call("subscribeParam", callerApi.toString(), key);
    }

    public void unsubscribe(URI callerApi, String key) throws XmlRpcException {
        master.call("unsubscribeParam", callerApi.toString(), key);
    }

    private interface MasterCall<T> {
        T call() throws XmlRpcException;
    }

    /** The call's value, or empty when the master says the key does not exist (code -1). */
    private static <T> Optional<T> unlessMissing(MasterCall<T> call) throws XmlRpcException {
        try {
            return Optional.of(call.call());
        } catch (RosMaster.Refused e) {
            if (e.code() == CALLER_ERROR) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
