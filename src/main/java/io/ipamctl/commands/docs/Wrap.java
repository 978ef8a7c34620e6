package io.ipamctl.commands.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping that never breaks a word: lines break only at spaces, so a flag, a path, an annotation
 * key, an address range or a command stays whole (picocli's wrapping also breaks after '.', '/' and
 * '-', which split "ipam.antrea.io/pod-ips" and "--threshold" at narrow widths).
 */
public final class Wrap {

    private Wrap() {}

    /** The words of text, split at runs of spaces. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.strip().split(" +")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Text filled into lines of at most width characters: the first line starts with first, the others
     * with rest. A word longer than the room left is put on a line of its own, whole.
     */
    public static List<String> fill(String text, int width, String first, String rest) {
        return fill(words(text), width, first, rest);
    }

    public static List<String> fill(List<String> words, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String w : words) {
            if (!empty && line.length() + 1 + w.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(w);
            empty = false;
        }
        if (!empty || lines.isEmpty()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** Spaces. */
    static String pad(int n) {
        return " ".repeat(Math.max(0, n));
    }
}
