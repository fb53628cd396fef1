package dev.vla4j.nodes.control;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what a logger (and those below it) logs while open, so a test can check a rejection's logged reason. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Waits until one logged message contains every fragment. */
    void await(String... fragments) throws InterruptedException {
        Waits.until("a log line with " + String.join(" and ", fragments), () -> {
            synchronized (appender.list) {
                return appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                        .anyMatch(message -> List.of(fragments).stream().allMatch(message::contains));
            }
        });
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
