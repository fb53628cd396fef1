package dev.vla4j.nodes.robot;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Inputs a node refused (wrong size, wrong length, non-finite values): each is logged with its reason and counted. */
public final class Rejections {
    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final String owner;
    private final AtomicLong count = new AtomicLong();
    private volatile String last = "";

    public Rejections(String owner) {
        this.owner = owner;
    }

    /** Logs and counts one refused message from {@code source} (a topic). */
    public void reject(String source, String reason) {
        last = source + ": " + reason;
        count.incrementAndGet();
        LOG.warn("{} rejected a message on {}: {}", owner, source, reason);
    }

    public long count() {
        return count.get();
    }

    /** The latest reason with its source, "" if nothing was rejected. */
    public String last() {
        return last;
    }
}
