package dev.vla4j.nodes.ros;

import java.util.concurrent.atomic.AtomicInteger;

/** What a node's publishers and subscribers share: the node's name, its options and connection numbering. */
record NodeContext(String name, RosNodeOptions options, AtomicInteger connectionIds) {
    NodeContext(String name, RosNodeOptions options) {
        this(name, options, new AtomicInteger());
    }

    int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }
}
