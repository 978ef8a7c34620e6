package io.ipamctl.commands.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.ParsedLine;

/** The arguments a typed line stands for. */
final class ShellLine {

    private ShellLine() {}

    /** The line's words (quotes removed by JLine's parser), without a leading "ipamctl" typed out of habit. */
    static List<String> words(ParsedLine line) {
        List<String> words = new ArrayList<>(line.words());
        // the parser adds an empty word for the cursor after a trailing blank
        if (!words.isEmpty()
                && words.get(words.size() - 1).isEmpty()
                && line.line().endsWith(" ")) {
            words.remove(words.size() - 1);
        }
        if (!words.isEmpty() && words.get(0).equals("ipamctl")) {
            words.remove(0);
        }
        return words;
    }
}
