package dev.vla4j.sim.record;

import dev.vla4j.policy.dataset.Frame;
import dev.vla4j.policy.dataset.LeRobotDatasetWriter;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records scripted-expert demonstrations of one or more suites into a new LeRobot dataset ({@link SimDataset}).
 *
 * <p><b>Which episodes.</b> The suites' tasks are listed in order (all tasks of the first suite, then the next
 * suite's, …); attempt {@code i} plays task {@code i mod T} of those T tasks with seed {@code firstSeed + i / T}. Attempts in which the expert fails are discarded (and counted); attempts continue in
 * order until {@code episodes} succeeded, or fail after {@link #maxAttempts} attempts. The dataset therefore holds
 * the first {@code episodes} successful attempts, a pure function of the settings. A {@code langtable-long} episode
 * is written as one dataset episode per instruction ({@link ExpertEpisode}), so the dataset then holds more
 * episodes than {@code episodes}.
 *
 * <p><b>How.</b> Attempts run on a pool of {@code threads} threads, at most {@link #inFlight} at once; the calling
 * thread alone writes, in attempt order, so the dataset is the same for any number of threads. Each dataset episode
 * is committed atomically by {@link LeRobotDatasetWriter}: a crash loses at most the episode being written.
 */
public final class SimRecorder implements AutoCloseable {
    private final Settings settings;
    private final LeRobotDatasetWriter writer;

    /**
     * What to record.
     *
     * @param episodes  successful expert episodes to record, ≥ 1
     * @param firstSeed seed of the first round over the tasks
     * @param threads   threads playing episodes, ≥ 1
     * @param noise     standard deviation of Gaussian noise on the expert's actions, metres (0: none)
     */
    public record Settings(List<Suite> suites, Split split, int episodes, long firstSeed, EnvConfig config, int threads,
                           double noise) {
        /** Validates the counts and the noise. */
        public Settings {
            suites = List.copyOf(suites);
            if (suites.isEmpty()) {
                throw new IllegalArgumentException("name at least one suite");
            }
            if (episodes < 1) {
                throw new IllegalArgumentException("the number of episodes must be at least 1, got " + episodes);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("the number of threads must be at least 1, got " + threads);
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("the action noise must be a finite number >= 0 (metres), got "
                        + noise);
            }
        }
    }

    /**
     * What was recorded.
     *
     * @param expertEpisodes  successful expert episodes written
     * @param discarded       attempts discarded because the expert failed
     * @param datasetEpisodes episodes in the dataset (one per instruction)
     */
    public record Summary(int expertEpisodes, int discarded, long datasetEpisodes, long frames, double seconds) {
        /** Expert episodes recorded per second. */
        public double episodesPerSecond() {
            return expertEpisodes / seconds;
        }
    }

    /** Told after every attempt taken off the queue (for progress). */
    public interface Listener {
        void progress(int recorded, int discarded, long frames);
    }

    /** Attempts allowed before giving up: twice the episodes asked for, plus ten rounds over the tasks. */
    public static int maxAttempts(Settings settings) {
        return 2 * settings.episodes() + 10 * tasks(settings).size();
    }

    /** Attempts played ahead of the writer: enough to keep every thread busy, few enough to bound memory. */
    static int inFlight(Settings settings) {
        return 2 * settings.threads() + 2;
    }

    /**
     * A recorder writing into a new dataset in {@code folder}, which must not exist or be empty; the folder and the
     * empty dataset's metadata are created now.
     *
     * @throws IllegalArgumentException when the folder holds files or is a file
     * @throws IOException              when the folder cannot be created or written
     */
    public static SimRecorder create(Settings settings, Path folder) throws IOException {
        return new SimRecorder(settings, LeRobotDatasetWriter.create(folder, SimDataset.spec(
                settings.config().imageSize())));
    }

    private SimRecorder(Settings settings, LeRobotDatasetWriter writer) {
        this.settings = settings;
        this.writer = writer;
    }

    /**
     * Records the episodes.
     *
     * @throws IOException           when an episode cannot be written (earlier episodes stay readable)
     * @throws IllegalStateException when the expert fails too often (what was recorded stays readable)
     */
    public Summary record(Listener listener) throws IOException {
        long start = System.nanoTime();
        int recorded = 0;
        int discarded = 0;
        long frames = 0;
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            Deque<Future<ExpertEpisode>> queue = new ArrayDeque<>();
            int submitted = 0;
            int limit = maxAttempts(settings);
            while (recorded < settings.episodes()) {
                while (submitted < limit && queue.size() < inFlight(settings)) {
                    queue.add(submit(pool, settings, submitted++));
                }
                if (queue.isEmpty()) {
                    throw new IllegalStateException("the expert succeeded in only " + recorded + " of " + limit
                            + " attempts; " + recorded + " episodes were recorded in " + writer.root());
                }
                ExpertEpisode episode = await(queue.poll());
                if (episode.success()) {
                    write(episode);
                    recorded++;
                    frames += episode.frames();
                } else {
                    discarded++;
                }
                listener.progress(recorded, discarded, frames);
            }
            return new Summary(recorded, discarded, writer.episodes(), frames, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Closes the dataset writer. */
    @Override
    public void close() {
        writer.close();
    }

    /** Every (suite, task) pair, suite by suite. */
    private static List<Map.Entry<Suite, TaskSpec>> tasks(Settings settings) {
        List<Map.Entry<Suite, TaskSpec>> tasks = new ArrayList<>();
        settings.suites().forEach(suite -> suite.tasks().forEach(task -> tasks.add(Map.entry(suite, task))));
        return tasks;
    }

    private static Future<ExpertEpisode> submit(ExecutorService pool, Settings s, int attempt) {
        List<Map.Entry<Suite, TaskSpec>> tasks = tasks(s);
        Map.Entry<Suite, TaskSpec> task = tasks.get(attempt % tasks.size());
        long seed = s.firstSeed() + attempt / tasks.size();
        return pool.submit(() -> ExpertEpisode.play(task.getKey(), task.getValue(), s.split(), s.config(), seed, s.noise()));
    }

    private static ExpertEpisode await(Future<ExpertEpisode> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("recording interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an expert episode failed: " + e.getCause(), e.getCause());
        }
    }

    private void write(ExpertEpisode episode) throws IOException {
        for (ExpertEpisode.Segment segment : episode.segments()) {
            writer.beginEpisode(segment.instruction());
            for (Frame frame : segment.frames()) {
                writer.addFrame(frame);
            }
            writer.endEpisode();
        }
    }
}
