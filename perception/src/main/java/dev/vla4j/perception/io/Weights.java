package dev.vla4j.perception.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Float32 tensors by upstream name, handed to a model's loader: {@link #take} checks each shape and remembers
 * what was used, so that {@link #requireAllUsed} can refuse a checkpoint with tensors the model does not know.
 */
public final class Weights {
    private final Map<String, NDArray> tensors;
    private final String source;
    private final Set<String> used = new LinkedHashSet<>();

    /** {@code source} names where the tensors came from (a file or folder), for error messages. */
    public Weights(Map<String, NDArray> tensors, String source) {
        this.tensors = new LinkedHashMap<>(tensors);
        this.source = source;
    }

    public String source() {
        return source;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor {@code name}, which must have {@code shape}; fails naming the source and the tensor. */
    public NDArray take(String name, Shape shape) {
        NDArray tensor = tensors.get(name);
        if (tensor == null) {
            throw new CheckpointException(source + ": missing tensor '" + name + "' " + shape);
        }
        if (!tensor.getShape().equals(shape)) {
            throw new CheckpointException(source + ": tensor '" + name + "' has shape " + tensor.getShape()
                    + ", expected " + shape);
        }
        used.add(name);
        return tensor;
    }

    /** The names no {@link #take} asked for. */
    public Set<String> unused() {
        Set<String> rest = new LinkedHashSet<>(tensors.keySet());
        rest.removeAll(used);
        return rest;
    }

    /** Refuses tensors the model did not use, listing them (a strict load). */
    public void requireAllUsed() {
        Set<String> rest = unused();
        if (!rest.isEmpty()) {
            throw new CheckpointException(source + ": " + rest.size() + " unexpected tensor(s): "
                    + String.join(", ", rest.stream().limit(20).toList()) + (rest.size() > 20 ? ", …" : ""));
        }
    }
}
