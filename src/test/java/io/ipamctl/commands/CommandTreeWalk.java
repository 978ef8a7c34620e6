package io.ipamctl.commands;

import io.ipamctl.commands.docs.CommandModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Tests that check every command of the model walk it with these. */
final class CommandTreeWalk {

    private CommandTreeWalk() {}

    /** The root and every visible command below it, depth first. */
    static List<CommandLine> every(CommandLine root) {
        List<CommandLine> out = new ArrayList<>(List.of(root));
        CommandModel.children(root).forEach(c -> out.addAll(every(c)));
        return out;
    }

    /** The words that run the command ("pool", "usage"); empty for the root. */
    static List<String> path(CommandLine cl) {
        List<String> out = new ArrayList<>();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
            out.add(0, c.getCommandSpec().name());
        }
        return out;
    }

    /**
     * The command's path followed by placeholders for its required values other than option except (they
     * are not what a test checks): a fixed value where the model has some, else "value0", "value1", ...
     */
    static List<String> pathWithRequiredValues(CommandLine cl, OptionSpec except) {
        List<String> args = path(cl);
        CommandSpec spec = cl.getCommandSpec();
        spec.positionalParameters().forEach(p -> {
            List<String> fixed = CommandModel.fixedValues(p);
            for (int i = 0; i < p.arity().min(); i++) {
                args.add(fixed.isEmpty() ? "value" + i : fixed.get(0));
            }
        });
        spec.options().stream().filter(r -> r.required() && r != except).forEach(r -> args.add(r.longestName() + "=x"));
        return args;
    }
}
