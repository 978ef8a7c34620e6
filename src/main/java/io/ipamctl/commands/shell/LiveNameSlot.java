package io.ipamctl.commands.shell;

import java.util.List;
import java.util.Optional;

import io.ipamctl.commands.docs.CommandModel;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which live names the word being completed asks for: the value of an option, or the positional value
 * at its place in the command typed, read from the command model as the generated scripts read it.
 *
 * @param kind        pools, namespaces, pods or nodes (the argument of __complete)
 * @param prefix      what of the name is typed already
 * @param valuePrefix what comes before the name in the word ("--pool=" in --pool=po), usually ""
 */
record LiveNameSlot(String kind, String prefix, String valuePrefix) {

    /** Where the words before the cursor leave off: in which command, at which positional, after which option. */
    private record Place(CommandLine command, int position, OptionSpec awaitingValueOf) {
    }

    static Optional<LiveNameSlot> of(CommandLine root, List<String> before, String word) {
        Place place = place(root, before);
        if (word.startsWith("-")) {
            int eq = word.indexOf('=');
            OptionSpec option = eq < 0 ? null : place.command().getCommandSpec().findOption(word.substring(0, eq));
            return option == null ? Optional.empty() : CommandModel.optionKind(option)
                    .map(kind -> new LiveNameSlot(kind, word.substring(eq + 1), word.substring(0, eq + 1)));
        }
        if (place.awaitingValueOf() != null) {
            return CommandModel.optionKind(place.awaitingValueOf()).map(kind -> new LiveNameSlot(kind, word, ""));
        }
        CommandModel.Slots slots = CommandModel.slots(place.command().getCommandSpec());
        String kind = place.position() < slots.fixed().size() ? slots.fixed().get(place.position()) : slots.more();
        return kind.isEmpty() || kind.equals("-") ? Optional.empty() : Optional.of(new LiveNameSlot(kind, word, ""));
    }

    private static Place place(CommandLine root, List<String> before) {
        CommandLine command = root;
        int position = 0;
        OptionSpec valueOf = null;
        for (String w : before) {
            if (valueOf != null) {
                valueOf = null;
                continue;
            }
            if (w.startsWith("-") && w.length() > 1) {
                OptionSpec o = w.contains("=") ? null : command.getCommandSpec().findOption(w);
                valueOf = o != null && CommandModel.takesValue(o) && o.arity().min() > 0 ? o : null;
                continue;
            }
            CommandLine sub = position == 0 ? command.getSubcommands().get(w) : null;
            if (sub != null) {
                command = sub;
            } else {
                position++;
            }
        }
        return new Place(command, position, valueOf);
    }
}
