package dev.vla4j.policy.vla;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The prompt tokenizer of vla4j's small from-scratch models: lower-cased words and punctuation, a vocabulary
 * built from the training instructions (saved in the checkpoint), unknown words mapped to {@link #UNK}. A
 * pretrained LM uses its own BPE tokenizer instead; a model trained from scratch gains nothing from 151k ids.
 *
 * <p>The prompt follows VLA-Adapter's wording: {@code <bos> what action should the robot take to {instruction} ?}.
 */
public final class WordTokenizer implements PromptTokenizer {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    private static final List<String> SPECIAL = List.of("<pad>", "<unk>", "<bos>");
    private static final String TEMPLATE = "what action should the robot take to %s ?";

    private final List<String> words;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    public WordTokenizer(List<String> words) {
        if (words.size() < SPECIAL.size() || !words.subList(0, SPECIAL.size()).equals(SPECIAL)) {
            throw new IllegalArgumentException("a vocabulary starts with " + SPECIAL + ", got "
                    + words.subList(0, Math.min(3, words.size())));
        }
        this.words = List.copyOf(words);
        for (int i = 0; i < words.size(); i++) {
            if (ids.putIfAbsent(words.get(i), i) != null) {
                throw new IllegalArgumentException("word '" + words.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /** A vocabulary of every word in the prompts of {@code instructions} (sorted, so it does not depend on order). */
    public static WordTokenizer fromInstructions(Collection<String> instructions) {
        TreeSet<String> seen = new TreeSet<>();
        instructions.forEach(instruction -> seen.addAll(split(prompt(instruction))));
        List<String> vocabulary = new ArrayList<>(SPECIAL);
        vocabulary.addAll(seen);
        return new WordTokenizer(vocabulary);
    }

    public int vocabSize() {
        return words.size();
    }

    /** The prompt's ids, starting with {@link #BOS}. */
    @Override
    public long[] encode(String instruction) {
        List<String> tokens = split(prompt(instruction));
        long[] out = new long[tokens.size() + 1];
        out[0] = BOS;
        for (int i = 0; i < tokens.size(); i++) {
            out[i + 1] = ids.getOrDefault(tokens.get(i), UNK);
        }
        return out;
    }

    public ArrayNode toJson() {
        ArrayNode array = new ObjectMapper().createArrayNode();
        words.forEach(array::add);
        return array;
    }

    public List<String> words() {
        return words;
    }

    private static String prompt(String instruction) {
        return String.format(Locale.ROOT, TEMPLATE, instruction.toLowerCase(Locale.ROOT).strip());
    }

    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        for (String piece : text.split("(?<=[^\\p{L}\\p{N}])|(?=[^\\p{L}\\p{N}])")) {
            if (!piece.isBlank()) {
                tokens.add(piece.strip());
            }
        }
        return tokens;
    }
}
