package io.ipamctl.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean this?": the names close to a mistyped one, by cobra's rule (kubectl's). */
public final class Suggestions {

    /** At most this many edits apart (cobra's SuggestionsMinimumDistance). */
    static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** The candidates within two edits of typed, or that start with it, in the candidates' order. */
    public static List<String> near(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            boolean close = distance(t, lower) <= MAX_DISTANCE || (!t.isEmpty() && lower.startsWith(t));
            if (close && !out.contains(c) && !c.equals(typed)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
