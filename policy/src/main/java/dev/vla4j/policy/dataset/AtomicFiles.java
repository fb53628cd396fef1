package dev.vla4j.policy.dataset;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content: write a hidden temp
 * file beside it ({@code .NAME.tmp}, which neither our reader nor LeRobot's {@code *.parquet} glob picks up),
 * fsync it, rename it over the target, fsync the folder.
 */
final class AtomicFiles {

    /** Writes the content into the given temp path. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }
}
