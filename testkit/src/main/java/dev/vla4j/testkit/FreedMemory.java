package dev.vla4j.testkit;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frees the native memory of every unreachable direct buffer now, then allocates small blocks again filled with
 * 0xFF bytes (NaN as float, −1 as long): a tensor that still reads memory it did not own reads garbage afterwards
 * instead of its old values, so the difference shows.
 */
public final class FreedMemory {
    private static final int LARGEST_BLOCK = 4096;
    private static final int BLOCKS_PER_SIZE = 32;
    /** The last overwrite's blocks, kept allocated until the next one so the bytes stay as written. */
    private static List<ByteBuffer> held = List.of();

    private FreedMemory() {}

    public static synchronized void collectAndOverwrite() {
        held = List.of();
        collect();
        collect(); // a direct buffer's cleaner runs before the next collection's sentinel is enqueued
        byte[] pattern = new byte[LARGEST_BLOCK];
        Arrays.fill(pattern, (byte) 0xFF);
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int size = 4; size <= LARGEST_BLOCK; size += 4) {
            for (int i = 0; i < BLOCKS_PER_SIZE; i++) {
                blocks.add(ByteBuffer.allocateDirect(size).put(pattern, 0, size));
            }
        }
        held = blocks;
    }

    /** One collection, finished: its cleared references have been handed to their queues (and cleaners run). */
    private static void collect() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        while (!sentinel.refersTo(null)) {
            System.gc();
        }
        try {
            queue.remove();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the collection", e);
        }
        Reference.reachabilityFence(sentinel);
    }
}
