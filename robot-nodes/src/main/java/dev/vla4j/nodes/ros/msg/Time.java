package dev.vla4j.nodes.ros.msg;

import java.time.Instant;

/** ROS {@code time}: unsigned seconds and nanoseconds since the epoch (both carried in ints). */
public record Time(int secs, int nsecs) {
    public static final Time ZERO = new Time(0, 0);

    public static Time of(Instant instant) {
        return new Time((int) instant.getEpochSecond(), instant.getNano());
    }

    public static Time now() {
        return of(Instant.now());
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(Integer.toUnsignedLong(secs), Integer.toUnsignedLong(nsecs));
    }
}
