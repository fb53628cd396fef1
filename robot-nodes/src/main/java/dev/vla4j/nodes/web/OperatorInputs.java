package dev.vla4j.nodes.web;

/**
 * What the operator asked of a {@link TeleopBackend}: who moves the robot, the teleop drive, the instruction the
 * page set (null until one is), and a note for the page. Each backend keeps one; its control thread takes a
 * {@link #snapshot()} per step. Thread-safe; the e-stop latch stays the backend's, which passes it in.
 */
public final class OperatorInputs {
    /** The inputs as of one instant. */
    public record Snapshot(Mode mode, PlanarDrive drive, String instruction) {}

    private Mode mode = Mode.HOLD;
    private PlanarDrive drive = PlanarDrive.STILL;
    private String instruction;
    private String note = "";

    /** Starts in {@link Mode#HOLD} with {@code instruction} (null for none). */
    public OperatorInputs(String instruction) {
        this.instruction = instruction;
    }

    /** Switches mode, refused while {@code estopLatched} except to HOLD; the drive and the note are cleared. */
    public synchronized void setMode(Mode next, boolean estopLatched) {
        if (estopLatched && next != Mode.HOLD) {
            throw new IllegalStateException("the e-stop is latched: reset it before switching to " + next);
        }
        drive = PlanarDrive.STILL;
        mode = next;
        note = "";
    }

    public synchronized void drive(double right, double up) {
        drive = new PlanarDrive(right, up);
    }

    /** Sets the instruction; an empty one is refused. */
    public void setInstruction(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the instruction is empty");
        }
        synchronized (this) {
            instruction = text.strip();
        }
    }

    /** Holds (HOLD, no drive) and says why on the page. */
    public synchronized void hold(String why) {
        mode = Mode.HOLD;
        drive = PlanarDrive.STILL;
        note = why;
    }

    public synchronized void note(String text) {
        note = text;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(mode, drive, instruction);
    }

    public synchronized Mode mode() {
        return mode;
    }

    public synchronized String note() {
        return note;
    }

    /** The instruction the page set, or null. */
    public synchronized String instruction() {
        return instruction;
    }
}
