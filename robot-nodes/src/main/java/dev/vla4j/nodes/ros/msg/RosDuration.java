package dev.vla4j.nodes.ros.msg;

import java.time.Duration;

/** ROS {@code duration}: signed seconds and nanoseconds. */
public record RosDuration(int secs, int nsecs) {
    public static RosDuration of(Duration duration) {
        return new RosDuration(Math.toIntExact(duration.getSeconds()), duration.getNano());
    }

    public Duration toDuration() {
        return Duration.ofSeconds(secs, nsecs);
    }
}
