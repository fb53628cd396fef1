package dev.vla4j.nodes.ros;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the ROS node code logs while open, so tests can check a refusal was logged with its reason. */
final class CapturedLogs implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.vla4j.nodes.ros");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> messages() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Waits until a logged message contains every fragment, and returns it. */
    String await(String... fragments) {
        String[] found = new String[1];
        LocalRosMaster.await("a log line with " + String.join(" and ", fragments), () -> {
            for (String message : messages()) {
                if (List.of(fragments).stream().allMatch(message::contains)) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
