package dev.vla4j.policy.dataset;

import dev.vla4j.policy.RgbImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStatsTest {
    @TempDir
    Path tmp;

    @Test
    void exactWhileTheReservoirHoldsEveryRow() {
        double[] values = {3, -1, 4, 1, -5, 9, 2, 6, 5, 3.5};
        RunningStats stats = new RunningStats(1, 64);
        for (double v : values) {
            stats.add(new double[] {v});
        }
        FeatureStats result = stats.result();
        double mean = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        assertEquals(-5, result.min()[0]);
        assertEquals(9, result.max()[0]);
        assertEquals(mean, result.mean()[0], 1e-12);
        assertEquals(Math.sqrt(var), result.std()[0], 1e-12);
        assertEquals(values.length, result.count());
        // numpy.quantile(values, [0.01, 0.5, 0.99]) = [-4.64, 3.25, 8.73]
        assertEquals(-4.64, result.q01()[0], 1e-12);
        assertEquals(3.25, result.quantile("q50")[0], 1e-12);
        assertEquals(8.73, result.q99()[0], 1e-12);
    }

    @Test
    void quantileRankErrorStaysWithinTheStatedBoundBeyondTheReservoir() {
        int n = 200_000;
        int capacity = 4096;
        double[] permutation = new double[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        RunningStats stats = new RunningStats(1, capacity);
        for (double v : permutation) {
            stats.add(new double[] {v});
        }
        FeatureStats result = stats.result();
        assertEquals(n - 1, result.max()[0]);
        assertEquals((n - 1) / 2.0, result.mean()[0], 1e-6);
        for (String key : FeatureStats.QUANTILE_KEYS) {
            double p = Integer.parseInt(key.substring(1)) / 100.0;
            double rank = result.quantile(key)[0] / (n - 1); // value i has rank i / (n - 1)
            double bound = 3 * Math.sqrt(p * (1 - p) / capacity);
            assertTrue(Math.abs(rank - p) <= bound, key + ": rank " + rank + " off by more than " + bound);
        }
    }

    @Test
    void pixelStatisticsMatchABruteForcePass() {
        SplittableRandom random = new SplittableRandom(3);
        List<RgbImage> images = List.of(SampleEpisodes.noise(random, 5, 4), SampleEpisodes.noise(random, 5, 4));
        PixelHistogram histogram = new PixelHistogram();
        images.forEach(histogram::add);
        FeatureStats result = histogram.result();
        for (int c = 0; c < 3; c++) {
            int channel = c;
            double[] pixels = images.stream().flatMapToDouble(image -> {
                double[] v = new double[image.width() * image.height()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (image.rgb()[3 * i + channel] & 0xFF) / 255.0;
                }
                return Arrays.stream(v);
            }).sorted().toArray();
            double mean = Arrays.stream(pixels).average().orElseThrow();
            assertEquals(pixels[0], result.min()[c], 1e-15);
            assertEquals(pixels[pixels.length - 1], result.max()[c], 1e-15);
            assertEquals(mean, result.mean()[c], 1e-12);
            assertEquals(Math.sqrt(Arrays.stream(pixels).map(v -> (v - mean) * (v - mean)).sum() / pixels.length),
                    result.std()[c], 1e-12);
            for (int q = 0; q < FeatureStats.QUANTILES.length; q++) {
                assertEquals(RunningStats.quantileOfSorted(pixels, FeatureStats.QUANTILES[q]), result.quantiles()[q][c],
                        1e-12, FeatureStats.QUANTILE_KEYS[q]);
            }
        }
        assertEquals(2, result.count());
    }

    @Test
    void statsJsonHoldsTheRecordedActionsStatistics() throws Exception {
        Path root = tmp.resolve("ds");
        try (LeRobotDatasetWriter writer = LeRobotDatasetWriter.create(root, SampleEpisodes.spec())) {
            SampleEpisodes.record(writer, 3);
        }
        RunningStats expected = new RunningStats(3, 1 << 16);
        for (long e = 0; e < 3; e++) {
            for (int i = 0; i < SampleEpisodes.length(e); i++) {
                float[] a = SampleEpisodes.frame(e, i, SampleEpisodes.length(e)).floats(SampleEpisodes.ACTION);
                expected.add(new double[] {a[0], a[1], a[2]});
            }
        }
        FeatureStats action = LeRobotDatasetReader.open(root).stats().get(SampleEpisodes.ACTION);
        assertArrayEquals(expected.result().q01(), action.q01());
        assertArrayEquals(expected.result().q99(), action.q99());
        assertArrayEquals(expected.result().mean(), action.mean());

        JsonNode json = new ObjectMapper().readTree(Files.readString(root.resolve("meta/stats.json")));
        assertEquals(3, json.get(SampleEpisodes.ACTION).get("q99").size());
        assertEquals("[[[", json.get(SampleEpisodes.TOP).get("mean").toString().substring(0, 3), "images: (3,1,1)");
        assertEquals(3, json.get(SampleEpisodes.TOP).get("mean").size());
        assertTrue(json.get("timestamp").has("q01"));
    }

    @Test
    void readerRecomputesStatisticsThatDisagreeWithInfoJson() throws Exception {
        Path three = tmp.resolve("three");
        Path four = tmp.resolve("four");
        try (LeRobotDatasetWriter a = LeRobotDatasetWriter.create(three, SampleEpisodes.spec());
             LeRobotDatasetWriter b = LeRobotDatasetWriter.create(four, SampleEpisodes.spec())) {
            SampleEpisodes.record(a, 3);
            SampleEpisodes.record(b, 4);
        }
        String original = Files.readString(three.resolve("meta/stats.json"));
        // what an interrupted commit leaves: stats.json already counts the next episode, info.json does not
        Files.copy(four.resolve("meta/stats.json"), three.resolve("meta/stats.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DatasetStats recomputed = LeRobotDatasetReader.open(three).stats();
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(original).toString(), recomputed.toJson(SampleEpisodes.spec()).toString());
    }
}
