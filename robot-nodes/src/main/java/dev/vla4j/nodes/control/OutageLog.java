package dev.vla4j.nodes.control;

import org.slf4j.Logger;

/** Logs the first failure of a streak and the recovery, not every failing control step (a broker outage at 10 Hz). */
final class OutageLog {
    private final Logger log;
    private final String what;
    private boolean failing;

    OutageLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    void failed(Exception e) {
        if (!failing) {
            failing = true;
            log.warn("{} failed, carrying on: {}", what, e.toString());
        }
    }

    void succeeded() {
        if (failing) {
            failing = false;
            log.info("{} works again", what);
        }
    }
}
