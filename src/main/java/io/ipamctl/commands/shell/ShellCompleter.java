package io.ipamctl.commands.shell;

import io.ipamctl.commands.Completions;
import io.ipamctl.commands.docs.CommandModel;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;

/**
 * TAB in the shell: what {@link Completions} offers for the word (commands, options once a "-" is typed,
 * fixed values, live names), plus "exit" at the start of a line.
 */
final class ShellCompleter implements Completer {

    /** Words the shell itself answers to, or refuses, at the start of a line. */
    private static final Set<String> NOT_OFFERED = Set.of("shell");

    private final CommandLine tree = CommandModel.fullTree();
    private final Completions.Names names;

    ShellCompleter(Completions.Names names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        if (!before.isEmpty() && before.get(0).equals("ipamctl")) {
            before = before.subList(1, before.size()); // typed out of habit; the shell runs it without
        }
        String word = line.word().substring(0, line.wordCursor());
        for (Completions.Candidate c :
                Completions.complete(tree, before, word, names).candidates()) {
            if (!(before.isEmpty() && NOT_OFFERED.contains(c.value()))) {
                candidates.add(new Candidate(
                        c.value(),
                        c.value(),
                        null,
                        c.description().isEmpty() ? null : c.description(),
                        null,
                        null,
                        true));
            }
        }
        if (before.isEmpty() && "exit".startsWith(word)) {
            candidates.add(new Candidate("exit"));
        }
    }
}
