package dev.vla4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON line of one measurement: the reference row it is compared with, the ratio, the memory bound. */
class MeasurementTest {

    private static Measurement measurement(BenchCase benchCase, int threads, double minMs, double rssBefore,
                                           double rssAfter) {
        Measurement.MemoryLoop loop = new Measurement.MemoryLoop(20, OptionalDouble.of(rssBefore),
                OptionalDouble.of(rssAfter), 10, 300, 310, 0);
        return new Measurement(benchCase, threads, 1, false, 1, LatencyStats.of(new double[] {minMs * 2, minMs}),
                OptionalDouble.of(1000), true, loop, 1.0, OptionalDouble.of(1.3), 0, "PyTorch 2.7.1");
    }

    private static BenchCase fullSize(String bench, String variant, String sizeField, int size) {
        return new BenchCase(bench, variant, sizeField, size, false, null, call -> null);
    }

    /** Each case and thread count takes its own refbench.md row and column. */
    @ParameterizedTest
    @CsvSource({
            "head,   pro,          ,           0,    1, 699,  46.1, 1150",
            "head,   pro,          ,           0,    2, 398,  46.1, 1150",
            "head,   v1,           ,           0,    1, 520,  46.1, 696",
            "head,   v1,           ,           0,    2, 279,  46.1, 696",
            "vlm,    decoder-only, tokens,     626,  1, 5182, 448.0, 2876",
            "vlm,    decoder-only, tokens,     626,  2, 2752, 448.0, 2876",
            "vlm,    causal-lm,    tokens,     626,  1, 6906, 618.4, 3146",
            "vlm,    causal-lm,    tokens,     626,  2, 3704, 618.4, 3146",
            "vlm,    decoder-only, tokens,     64,   2, 324,  45.8, 2549",
            "vlm,    causal-lm,    tokens,     64,   1, 840,  63.2, 2586",
            "vision, fastvithd,    image_size, 512,  1, 1399, 118.3, 965",
            "vision, fastvithd,    image_size, 1024, 2, 4533, 473.0, 1410"})
    void theRatioUsesTheMatchingReferenceMin(String bench, String variant, String sizeField, int size, int threads,
                                             double referenceMin, double gflop, double referenceRss) {
        JsonNode json = measurement(fullSize(bench, variant, sizeField, size), threads, 250, 1000, 1010).toJson();
        assertEquals(referenceMin, json.get("reference_min_ms").asDouble());
        assertEquals(Math.round(250 / referenceMin * 1000) / 1000.0, json.get("ratio_to_reference").asDouble());
        assertEquals(gflop, json.get("gflop_per_call").asDouble());
        assertEquals(Math.round(gflop / 0.25 * 10) / 10.0, json.get("gflops_at_min").asDouble());
        assertEquals(referenceRss, json.get("reference_peak_rss_mib").asDouble());
        assertEquals("full", json.get("config").asText());
    }

    @Test
    void noReferenceForOtherThreadCountsSizesOrTinyConfigs() {
        JsonNode threeThreads = measurement(fullSize("head", "pro", null, 0), 3, 250, 1000, 1000).toJson();
        assertTrue(threeThreads.get("reference_min_ms").isNull());
        assertTrue(threeThreads.get("ratio_to_reference").isNull());
        assertEquals(46.1, threeThreads.get("gflop_per_call").asDouble(), "the work per call does not depend on threads");
        JsonNode otherLength = measurement(fullSize("vlm", "decoder-only", "tokens", 100), 1, 250, 1000, 1000).toJson();
        assertTrue(otherLength.get("ratio_to_reference").isNull());
        assertTrue(otherLength.get("gflop_per_call").isNull());
        BenchCase tiny = new BenchCase("head", "pro", null, 0, true, null, call -> null);
        assertTrue(measurement(tiny, 1, 250, 1000, 1000).toJson().get("ratio_to_reference").isNull());
    }

    @Test
    void memoryGrowthIsReportedAndCheckedAgainstTheBound() {
        Measurement grew = measurement(fullSize("head", "pro", null, 0), 1, 250, 1000, 1150);
        JsonNode loop = grew.toJson().get("memory_loop");
        assertEquals(150.0, loop.get("rss_delta_mib").asDouble());
        assertEquals(15.0, loop.get("growth_pct").asDouble());
        assertEquals(300.0, loop.get("java_heap_before_mib").asDouble());
        assertEquals(310.0, loop.get("java_heap_after_mib").asDouble());
        assertEquals(0, loop.get("arrays_left").asInt());
        assertTrue(grew.memoryLoop().exceedsBound());
        assertFalse(measurement(fullSize("head", "pro", null, 0), 1, 250, 1000, 1099).memoryLoop().exceedsBound());
        assertFalse(measurement(fullSize("head", "pro", null, 0), 1, 250, 1000, 900).memoryLoop().exceedsBound());
    }

    @Test
    void latencyStatsUseTheMedianAndTheNearestRankP99() {
        LatencyStats odd = LatencyStats.of(new double[] {5, 1, 3});
        assertEquals(new LatencyStats(1, 3, 5, 3), odd);
        assertEquals(2.5, LatencyStats.of(new double[] {4, 1, 2, 3}).medianMs());
        double[] hundredAndOne = new double[101];
        for (int i = 0; i < hundredAndOne.length; i++) {
            hundredAndOne[i] = 100 - i; // 100 … 0
        }
        assertEquals(99, LatencyStats.of(hundredAndOne).p99Ms(), "rank ceil(0.99·101) = 100 of 101 sorted values");
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new double[0]));
    }
}
