package dev.vla4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Optional;
import java.util.function.Function;

/**
 * One benchmarked call, at batch 1, on a model and inputs built beforehand.
 *
 * @param bench     the subcommand: head, vlm or vision
 * @param variant   what is measured, e.g. {@code pro}, {@code decoder-only}, {@code fastvithd}
 * @param sizeField the JSON key of {@code size} ({@code tokens}, {@code image_size}), or null where there is none
 * @param size      token count or image side; 0 where there is none
 * @param tiny      built on a tiny config (tests): no reference applies
 * @param owner     the manager of the model's weights and the inputs: a call that leaves arrays behind in it leaks
 * @param call      runs one call in the given per-call manager and returns its main output, owned by that manager
 *                  (the caller closes the manager, and with it every array of the call)
 */
record BenchCase(String bench, String variant, String sizeField, int size, boolean tiny, NDManager owner,
                 Function<NDManager, NDArray> call) {

    /** The refbench.md row this case is compared with; none for tiny configs or cases refbench did not time. */
    Optional<ReferenceLatency.Row> reference() {
        return tiny ? Optional.empty() : ReferenceLatency.find(bench, variant, size);
    }

    /** A readable name for logs, e.g. {@code vlm decoder-only tokens=626}. */
    String label() {
        return bench + " " + variant + (sizeField == null ? "" : " " + sizeField + "=" + size) + (tiny ? " (tiny)" : "");
    }
}
