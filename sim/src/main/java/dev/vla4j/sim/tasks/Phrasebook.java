package dev.vla4j.sim.tasks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Instruction vocabulary. {@link #HELD_IN} holds Language-Table's templates and synonyms; {@link #HELD_OUT} holds
 * paraphrases that never occur in held-in episodes (the perturbation split's unseen wording).
 */
public enum Phrasebook {
    HELD_IN(List.of("push the", "move the", "slide the", "put the"),
            List.of("to the", "towards the", "close to the", "next to the"),
            List.of("slightly", "a bit", "a little", "a little bit", "somewhat"),
            List.of(""),
            Map.of("up", List.of("up", "upwards"), "down", List.of("down", "downwards"),
                    "left", List.of("to the left", "left"), "right", List.of("to the right", "right")),
            List.of("%s and %s", "%s and then %s", "diagonally %s and %s", "%s and %s diagonally"),
            Map.of("up", List.of("above the", "to the top side of the", "to the top of the"),
                    "down", List.of("below the", "to the bottom side of the", "to the bottom of the"),
                    "left", List.of("just left of the", "to the left of the", "left of the"),
                    "right", List.of("just right of the", "to the right of the", "right of the")),
            List.of("to the top %s side of the", "to the bottom %s side of the"),
            List.of("pull the %s apart from the %s", "move the %s away from the %s", "separate the %s from the %s")),
    HELD_OUT(List.of("nudge the", "shove the", "drag the", "bring the"),
            List.of("up against the", "alongside the", "until it touches the"),
            List.of("just a touch", "a tiny bit"),
            List.of("a long way", "far"),
            Map.of("up", List.of("toward the top"), "down", List.of("toward the bottom"),
                    "left", List.of("leftwards"), "right", List.of("rightwards")),
            List.of("%s while going %s", "both %s and %s"),
            Map.of("up", List.of("on the upper side of the"), "down", List.of("underneath the"),
                    "left", List.of("on the left-hand side of the"), "right", List.of("on the right-hand side of the")),
            List.of("up and %s of the", "down and %s of the"),
            List.of("push the %s clear of the %s", "isolate the %s from the %s", "get the %s away from the %s"));

    final List<String> verbs;
    final List<String> prepositions;
    final List<String> slightly;
    final List<String> far;
    final Map<String, List<String>> directions;
    final List<String> diagonals;
    final Map<String, List<String>> beside;
    final List<String> besideDiagonals;
    final List<String> separateTemplates;

    Phrasebook(List<String> verbs, List<String> prepositions, List<String> slightly, List<String> far,
               Map<String, List<String>> directions, List<String> diagonals, Map<String, List<String>> beside,
               List<String> besideDiagonals, List<String> separateTemplates) {
        this.verbs = verbs;
        this.prepositions = prepositions;
        this.slightly = slightly;
        this.far = far;
        this.directions = directions;
        this.diagonals = diagonals;
        this.beside = beside;
        this.besideDiagonals = besideDiagonals;
        this.separateTemplates = separateTemplates;
    }

    /** A uniformly chosen element. */
    static String pick(List<String> options, SplittableRandom rng) {
        return options.get(rng.nextInt(options.size()));
    }

    /** "up and then to the left"-style words for a direction of a relative move. */
    String direction(Direction d, SplittableRandom rng) {
        List<String> parts = d.parts();
        if (parts.size() == 1) {
            return pick(directions.get(parts.get(0)), rng);
        }
        String first = pick(directions.get(parts.get(0)), rng);
        String second = pick(directions.get(parts.get(1)), rng);
        return String.format(pick(diagonals, rng), first, second);
    }

    /** "to the left of the"-style words placing a block beside another. */
    String beside(Direction d, SplittableRandom rng) {
        List<String> parts = d.parts();
        if (parts.size() == 1) {
            return pick(beside.get(parts.get(0)), rng);
        }
        String template = besideDiagonals.get(parts.get(0).equals("up") ? 0 : 1);
        return String.format(template, parts.get(1));
    }
}
