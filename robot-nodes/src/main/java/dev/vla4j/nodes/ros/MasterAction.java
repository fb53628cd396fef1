package dev.vla4j.nodes.ros;

/** One or more calls to the ROS master that may fail. */
@FunctionalInterface
interface MasterAction {
    void run() throws XmlRpcException;
}
