package dev.vla4j.cli.bench;

import java.util.List;
import java.util.Optional;

/**
 * The upstream PyTorch reference timings of {@code specs/refbench.md} ("Results", run 2): the minimum ms per call
 * at 1 and 2 intra-op threads, the GFLOP per call (Linear + Conv2d) and the worker's peak RSS, full size, random
 * weights, fp32, batch 1, PyTorch 1.13 on OpenMP OpenBLAS, on the 2-core machine kind this project runs on.
 * Ratios use the min columns, as refbench.md asks.
 */
final class ReferenceLatency {
    /** The image side is the size for vision rows, the token count for vlm rows; head rows have size 0. */
    record Row(String bench, String variant, int size, double minMsOneThread, double minMsTwoThreads,
               double gflopPerCall, double peakRssMib) {
        /** The reference min for this intra-op thread count; refbench measured only 1 and 2. */
        Optional<Double> minMs(int threads) {
            return switch (threads) {
                case 1 -> Optional.of(minMsOneThread);
                case 2 -> Optional.of(minMsTwoThreads);
                default -> Optional.empty();
            };
        }
    }

    static final Row HEAD_PRO = new Row("head", "pro", 0, 699, 398, 46.1, 1150);
    static final Row HEAD_V1 = new Row("head", "v1", 0, 520, 279, 46.1, 696);
    static final Row QWEN_626_CAUSAL_LM = new Row("vlm", VlmBenchCommand.CAUSAL_LM, 626, 6906, 3704, 618.4, 3146);
    static final Row QWEN_626_DECODER_ONLY = new Row("vlm", VlmBenchCommand.DECODER_ONLY, 626, 5182, 2752, 448.0, 2876);
    static final Row QWEN_64_CAUSAL_LM = new Row("vlm", VlmBenchCommand.CAUSAL_LM, 64, 840, 474, 63.2, 2586);
    static final Row QWEN_64_DECODER_ONLY = new Row("vlm", VlmBenchCommand.DECODER_ONLY, 64, 593, 324, 45.8, 2549);
    static final Row FASTVITHD_1024 = new Row("vision", "fastvithd", 1024, 7082, 4533, 473.0, 1410);
    static final Row FASTVITHD_512 = new Row("vision", "fastvithd", 512, 1399, 751, 118.3, 965);

    private static final List<Row> ROWS = List.of(HEAD_PRO, HEAD_V1, QWEN_626_CAUSAL_LM, QWEN_626_DECODER_ONLY,
            QWEN_64_CAUSAL_LM, QWEN_64_DECODER_ONLY, FASTVITHD_1024, FASTVITHD_512);

    private ReferenceLatency() {}

    /** The refbench row of a full-size case, if refbench measured it. */
    static Optional<Row> find(String bench, String variant, int size) {
        return ROWS.stream()
                .filter(row -> row.bench().equals(bench) && row.variant().equals(variant) && row.size() == size)
                .findFirst();
    }
}
