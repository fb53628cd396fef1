package dev.vla4j.policy;

import java.util.ArrayList;
import java.util.List;

/** Observation in, a chunk of actions out (LeRobot's and openpi's policy contract). */
public interface Policy {
    ActionChunk predictChunk(Observation observation);

    /** Several observations at once; a model-backed policy runs them as one batch. */
    default List<ActionChunk> predictChunks(List<Observation> observations) {
        List<ActionChunk> chunks = new ArrayList<>(observations.size());
        observations.forEach(observation -> chunks.add(predictChunk(observation)));
        return chunks;
    }
}
