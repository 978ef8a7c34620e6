package io.ipamctl.commands.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import io.ipamctl.commands.docs.CommandModel;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * TAB in the shell: commands and options as picocli's JLine completer offers them from the command
 * model, and where the word is a value labelled POOL, NAMESPACE, POD or NODE (see
 * {@link io.ipamctl.commands.LiveName}), the live names the hidden __complete command prints, asked
 * with the same options as the generated completion scripts pass on.
 */
final class ShellCompleter implements Completer {

    /** How live names are looked up: the line's passed-on options, the kind (pools, ...), the prefix. */
    interface Names {
        List<String> find(List<String> lineOptions, String kind, String prefix);
    }

    /** Words the shell itself answers to, or refuses, at the start of a line. */
    private static final Set<String> NOT_OFFERED = Set.of("shell");

    private final CommandLine tree = CommandModel.fullTree();
    private final PicocliJLineCompleter commands = new PicocliJLineCompleter(tree.getCommandSpec());
    private final Names names;

    ShellCompleter(Names names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String word = line.word().substring(0, line.wordCursor());
        List<Candidate> found = new ArrayList<>();
        commands.complete(reader, line, found);
        if (before.isEmpty()) {
            found.removeIf(c -> NOT_OFFERED.contains(c.value()));
            if ("exit".startsWith(word)) {
                found.add(new Candidate("exit"));
            }
        }
        candidates.addAll(found);
        LiveNameSlot.of(tree, before, word).ifPresent(slot -> {
            for (String name : names.find(passedOn(before), slot.kind(), slot.prefix())) {
                candidates.add(new Candidate(slot.valuePrefix() + name));
            }
        });
    }

    /** The options typed on the line that tell __complete which cluster and namespace to ask. */
    private List<String> passedOn(List<String> before) {
        List<OptionSpec> passed = CommandModel.passedOn(tree.getCommandSpec());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            String w = before.get(i);
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            Optional<OptionSpec> option = passed.stream().filter(o -> List.of(o.names()).contains(name)).findFirst();
            if (option.isEmpty()) {
                continue;
            }
            out.add(w);
            if (CommandModel.takesValue(option.get()) && !w.contains("=") && i + 1 < before.size()) {
                out.add(before.get(++i));
            }
        }
        return out;
    }
}
