package dev.vla4j.nodes.control;

import org.slf4j.Logger;

/** Logs the first failure of a streak and the recovery, not every failing control step (a broker outage at 10 Hz). */
public final class OutageLog {
    private final Logger log;
    private final String what;
    private boolean failing;

    public OutageLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(Exception e) {
        if (!failing) {
            failing = true;
            log.warn("{} failed, carrying on: {}", what, e.toString());
        }
    }

    public void succeeded() {
        if (failing) {
            failing = false;
            log.info("{} works again", what);
        }
    }
}
