package dev.vla4j.nodes.control;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The loop every node here runs: on its own daemon thread, one step per period of a {@link FixedRate}. A step
 * that fails is logged once per streak ({@link OutageLog}) and handed to {@code onFailure}; it never ends the
 * loop (a robot-controlling node does not die from one bad message). {@code afterStep} runs after every step,
 * failed or not. {@link #stop} lets the step in progress finish: an interrupt would abort a send half-way.
 */
public final class ControlLoop {
    /** One control step. */
    public interface Step {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param what what the log calls a step, e.g. "the control step"
     */
    public ControlLoop(String name, double rateHz, Logger log, String what, Step step,
                       Consumer<Exception> onFailure, Runnable afterStep) {
        FixedRate rate = new FixedRate(rateHz);
        OutageLog outage = new OutageLog(log, what);
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    step.run();
                    outage.succeeded();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    onFailure.accept(e);
                    outage.failed(e);
                }
                afterStep.run();
                rate.await();
            }
        }, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the loop runs (started or not) until {@link #stop}. */
    public boolean running() {
        return running;
    }

    /** Ends the loop after the step in progress, waiting up to {@code wait} for it. */
    public void stop(Duration wait) throws InterruptedException {
        running = false;
        thread.join(wait.toMillis());
    }
}
