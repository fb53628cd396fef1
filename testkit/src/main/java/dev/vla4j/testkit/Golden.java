package dev.vla4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden vectors produced by the upstream PyTorch code (DESIGN.md §8).
 *
 * <p>Found at {@code -Dvla4j.golden=DIR} when given (the build passes {@code ../shared/golden} beside the
 * checkout by default), otherwise by looking for {@code shared/golden} beside the checkout.
 */
public final class Golden {
    public static final String PROPERTY = "vla4j.golden";

    private Golden() {}

    /** The golden folder, or a skip (a failure in CI) that says where it was looked for. */
    public static Path dir() {
        Path dir = locate();
        if (!Files.isDirectory(dir)) {
            Requirements.missing("the golden vectors", "no folder at " + dir + " (set -D" + PROPERTY + "=DIR)");
        }
        return dir;
    }

    /** One golden file, or a skip (a failure in CI) naming it. */
    public static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            Requirements.missing("golden file " + name, "not found in " + file.getParent());
        }
        return file;
    }

    static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("golden");
            if (Files.isDirectory(dir.resolve(".git")) || Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return Path.of("..", "shared", "golden").toAbsolutePath().normalize();
    }
}
