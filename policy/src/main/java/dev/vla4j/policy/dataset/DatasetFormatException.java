package dev.vla4j.policy.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that is missing, corrupt or inconsistent with {@code meta/info.json}; names the file. */
public final class DatasetFormatException extends IOException {
    private final transient Path file;

    public DatasetFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public DatasetFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
