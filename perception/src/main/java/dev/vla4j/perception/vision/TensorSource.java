package dev.vla4j.perception.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.vla4j.perception.io.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the layout takes its tensors from: a checkpoint ({@link #of(Weights)}) or a recorder that only notes
 * names and shapes ({@link Recorder}), so the names a model loads and the names it expects cannot drift apart.
 */
interface TensorSource {
    /** The tensor {@code name} with exactly {@code shape}. */
    NDArray take(String name, Shape shape);

    /** A buffer the math does not need ({@code num_batches_tracked}): taken when present, else null. */
    NDArray takeIfPresent(String name, Shape shape);

    static TensorSource of(Weights weights) {
        return new TensorSource() {
            @Override
            public NDArray take(String name, Shape shape) {
                return weights.take(name, shape);
            }

            @Override
            public NDArray takeIfPresent(String name, Shape shape) {
                return weights.has(name) ? weights.take(name, shape) : null;
            }
        };
    }

    /** Records every requested name and shape and returns no tensors. */
    final class Recorder implements TensorSource {
        private final Map<String, Shape> shapes = new LinkedHashMap<>();

        @Override
        public NDArray take(String name, Shape shape) {
            shapes.put(name, shape);
            return null;
        }

        @Override
        public NDArray takeIfPresent(String name, Shape shape) {
            return take(name, shape);
        }

        Map<String, Shape> shapes() {
            return shapes;
        }
    }
}
