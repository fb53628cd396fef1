package dev.vla4j.sim;

import java.util.Arrays;

/**
 * Evaluation split. {@link #HELD_IN} episodes use the nominal camera and colours and Language-Table's wording;
 * {@link #PERTURBED} episodes of the same seed keep the layout and goal but add distractor blocks, unseen
 * paraphrases, colour/lighting/camera jitter and ±30% block friction (reported separately, never averaged in).
 */
public enum Split {
    HELD_IN("held-in"),
    PERTURBED("perturbation");

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** Name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The split named {@code id}; unknown names list the known ones. */
    public static Split byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown split '" + id + "'; known: "
                        + Arrays.stream(values()).map(Split::id).toList()));
    }
}
