package dev.vla4j.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** This process's resident memory from {@code /proc/self/status} (Linux), in MiB. */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {}

    /** Current resident set size (VmRSS), or empty where /proc is not available. */
    static OptionalDouble rssMib() {
        return field("VmRSS:");
    }

    /** Peak resident set size since start or the last {@link #resetPeak()} (VmHWM). */
    static OptionalDouble peakRssMib() {
        return field("VmHWM:");
    }

    /** Resets VmHWM to the current RSS by writing "5" to /proc/self/clear_refs; false where that is refused. */
    static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The 1-minute load average from /proc/loadavg, or empty. */
    static OptionalDouble loadAverage() {
        try {
            return OptionalDouble.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble field(String key) {
        if (!Files.isReadable(STATUS)) {
            return OptionalDouble.empty();
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+"); // "123456 kB"
                    return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
                }
            }
            return OptionalDouble.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
    }
}
