package io.ipamctl.commands;

import io.ipamctl.commands.docs.CommandModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What TAB offers for the word being typed, read from the command model: subcommands, options (only once
 * a "-" is typed), an option's or parameter's fixed values (enums, -o's formats, --source) and live names
 * where the model declares them ({@link LiveName.Candidates}). The interactive shell and kubectl's plugin
 * completion ({@code __complete-args}) use it; the bash, zsh and fish scripts are generated from the same
 * model.
 */
public final class Completions {

    /** How live names are looked up: the line's options that say which cluster, the kind, the prefix. */
    public interface Names {
        List<String> find(List<String> lineOptions, String kind, String prefix);
    }

    /** One candidate: the whole word to put in place of the typed one, and what it is (may be ""). */
    public record Candidate(String value, String description) {}

    /** @param files true when the word is a file name, which the shell completes itself */
    public record Result(List<Candidate> candidates, boolean files) {}

    /**
     * Where the words before the cursor leave off: in which command, at which positional, after which
     * option (mayTakeValueOf: one whose value is optional, such as --dry-run[=MODE]).
     */
    private record Place(CommandLine command, int position, OptionSpec awaitingValueOf, OptionSpec mayTakeValueOf) {}

    private Completions() {}

    /** The candidates for word, typed after the words before (the program's name not among them). */
    public static Result complete(CommandLine root, List<String> before, String word, Names names) {
        Place place = place(root, before);
        CommandSpec spec = place.command().getCommandSpec();
        if (place.awaitingValueOf() != null) {
            return values(root, place.awaitingValueOf(), 0, "", word, before, names);
        }
        if (place.mayTakeValueOf() != null && !word.startsWith("-")) {
            // picocli takes "--dry-run server" as the option's value, so offer the values as the scripts do
            List<Candidate> out = new ArrayList<>();
            CommandModel.fixedValues(place.mayTakeValueOf()).stream()
                    .filter(v -> v.startsWith(word))
                    .forEach(v -> out.add(new Candidate(v, "")));
            if (!out.isEmpty()) {
                return new Result(out, false);
            }
        }
        if (word.startsWith("-")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                OptionSpec o = spec.findOption(word.substring(0, eq));
                return o == null || !CommandModel.takesValue(o)
                        ? none()
                        : values(root, o, 0, word.substring(0, eq + 1), word.substring(eq + 1), before, names);
            }
            List<Candidate> out = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    continue;
                }
                for (String name : o.names()) {
                    if (name.startsWith(word)) {
                        out.add(new Candidate(name, CommandModel.description(o)));
                    }
                }
            }
            out.sort(java.util.Comparator.comparing(Candidate::value));
            return new Result(out, false);
        }
        List<CommandLine> children = CommandModel.children(place.command());
        if (place.position() == 0 && !children.isEmpty()) {
            List<Candidate> out = new ArrayList<>();
            for (CommandLine c : children) {
                CommandSpec s = c.getCommandSpec();
                List<String> words = new ArrayList<>(List.of(s.name()));
                words.addAll(List.of(s.aliases()));
                words.stream()
                        .filter(w -> w.startsWith(word))
                        .forEach(w -> out.add(new Candidate(w, CommandModel.header(s))));
            }
            return new Result(out, false);
        }
        return positional(spec, place.position())
                .map(p -> values(root, p, place.position() - p.index().min(), "", word, before, names))
                .orElse(none());
    }

    /** The positional parameter that takes the value at position, if any. */
    private static Optional<PositionalParamSpec> positional(CommandSpec spec, int position) {
        return CommandModel.positionals(spec).stream()
                .filter(p -> position >= p.index().min()
                        && (p.isMultiValue() || position <= p.index().max()))
                .filter(p -> position - p.index().min() < p.arity().max())
                .findFirst();
    }

    private static Result values(
            CommandLine root,
            ArgSpec a,
            int index,
            String valuePrefix,
            String typed,
            List<String> before,
            Names names) {
        List<Candidate> out = new ArrayList<>();
        Optional<String> kind = CommandModel.liveKind(a, index);
        if (kind.isPresent()) {
            for (String name : names.find(passedOn(root.getCommandSpec(), before), kind.get(), typed)) {
                out.add(new Candidate(valuePrefix + name, ""));
            }
            return new Result(out, false);
        }
        List<String> fixed = CommandModel.fixedValues(a);
        if (!fixed.isEmpty()) {
            fixed.stream().filter(v -> v.startsWith(typed)).forEach(v -> out.add(new Candidate(valuePrefix + v, "")));
            return new Result(out, false);
        }
        return new Result(out, CommandModel.completesFiles(a));
    }

    private static Result none() {
        return new Result(List.of(), false);
    }

    private static Place place(CommandLine root, List<String> before) {
        CommandLine command = root;
        int position = 0;
        OptionSpec valueOf = null;
        OptionSpec optionalValueOf = null;
        boolean optionsEnded = false;
        for (String w : before) {
            if (valueOf != null) {
                valueOf = null;
                continue;
            }
            OptionSpec optional = optionalValueOf;
            optionalValueOf = null;
            if (optional != null && CommandModel.fixedValues(optional).contains(w)) {
                continue;
            }
            if (!optionsEnded && w.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && w.startsWith("-") && w.length() > 1) {
                OptionSpec o = w.contains("=") ? null : command.getCommandSpec().findOption(w);
                boolean valued = o != null && CommandModel.takesValue(o);
                valueOf = valued && o.arity().min() > 0 ? o : null;
                optionalValueOf = valued && o.arity().min() == 0 ? o : null;
                continue;
            }
            CommandLine sub = position == 0 ? childNamed(command, w) : null;
            if (sub != null) {
                command = sub;
            } else {
                position++;
            }
        }
        return new Place(command, position, valueOf, optionalValueOf);
    }

    private static CommandLine childNamed(CommandLine command, String word) {
        return CommandModel.children(command).stream()
                .filter(c -> c.getCommandSpec().name().equals(word)
                        || List.of(c.getCommandSpec().aliases()).contains(word))
                .findFirst()
                .orElse(null);
    }

    /** The options typed on the line that tell __complete which cluster and namespace to ask (as the scripts do). */
    public static List<String> passedOn(CommandSpec root, List<String> before) {
        List<OptionSpec> passed = CommandModel.passedOn(root);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            String w = before.get(i);
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            Optional<OptionSpec> option = passed.stream()
                    .filter(o -> List.of(o.names()).contains(name))
                    .findFirst();
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

    /** Live names asked in this process, as {@code ipamctl [OPTIONS] __complete KIND PREFIX} prints them. */
    public static Names inProcess(Environment environment, List<String> globals) {
        return (lineOptions, kind, prefix) -> {
            List<String> args = new ArrayList<>(globals);
            args.addAll(lineOptions);
            args.addAll(List.of(CompleteCommand.NAME, kind, prefix));
            StringWriter found = new StringWriter();
            PrintWriter none = new PrintWriter(Writer.nullWriter());
            Ipamctl.run(args.toArray(String[]::new), environment, new PrintWriter(found), none);
            return found.toString().lines().toList();
        };
    }
}
