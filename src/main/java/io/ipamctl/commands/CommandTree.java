package io.ipamctl.commands;

import io.ipamctl.commands.doctor.DoctorCommand;
import io.ipamctl.commands.ip.IpCommand;
import io.ipamctl.commands.metrics.MetricsCommand;
import io.ipamctl.commands.metrics.MetricsServeCommand;
import io.ipamctl.commands.ns.NsBindCommand;
import io.ipamctl.commands.ns.NsCommand;
import io.ipamctl.commands.ns.NsListCommand;
import io.ipamctl.commands.ns.NsUnbindCommand;
import io.ipamctl.commands.ovs.OvsCommand;
import io.ipamctl.commands.ovs.OvsFlowsCommand;
import io.ipamctl.commands.ovs.OvsShowCommand;
import io.ipamctl.commands.pod.PodCommand;
import io.ipamctl.commands.pod.PodPinIpCommand;
import io.ipamctl.commands.pod.PodWhyCommand;
import io.ipamctl.commands.pool.PoolCheckCommand;
import io.ipamctl.commands.pool.PoolCommand;
import io.ipamctl.commands.pool.PoolCreateCommand;
import io.ipamctl.commands.pool.PoolDeleteCommand;
import io.ipamctl.commands.pool.PoolGetCommand;
import io.ipamctl.commands.pool.PoolListCommand;
import io.ipamctl.commands.pool.PoolReleaseCommand;
import io.ipamctl.commands.pool.PoolUsageCommand;
import io.ipamctl.commands.sandbox.SandboxCommand;
import io.ipamctl.commands.sandbox.SandboxStatusCommand;
import io.ipamctl.commands.sandbox.SandboxStopCommand;
import io.ipamctl.commands.server.ServerCommand;
import io.ipamctl.commands.server.ServerRunCommand;
import io.ipamctl.commands.server.ServerStatusCommand;
import io.ipamctl.commands.server.ServerStopCommand;
import io.ipamctl.commands.shell.ShellCommand;
import io.ipamctl.commands.trace.TraceCommand;
import io.ipamctl.commands.trace.TraceDeleteCommand;
import io.ipamctl.commands.trace.TraceListCommand;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tree, declared once. Building picocli's model of every command costs ~200 ms of
 * reflection at each start, so a run builds only the branch its arguments name (the whole tree
 * for help, completion and generated docs).
 */
public final class CommandTree {

    /**
     * A command: its names and its class (which picocli instantiates), with its subcommands. A class literal,
     * not a constructor reference: the ~40 lambdas of this table were each linked at every start, whatever
     * ran (~12% of `--version`'s CPU). Names and aliases are those of the class's {@code @Command}
     * (CommandTreeTest checks that, and that every command class is in the table).
     */
    public record Node(String name, Set<String> aliases, Class<?> type, List<Node> children) {

        static Node leaf(String name, Class<?> type, String... aliases) {
            return new Node(name, Set.of(aliases), type, List.of());
        }

        static Node group(String name, Class<?> type, Node... children) {
            return new Node(name, Set.of(), type, List.of(children));
        }

        boolean answersTo(String token) {
            return name.equals(token) || aliases.contains(token);
        }
    }

    /** Subcommands of the root, in the order help lists them. */
    public static final List<Node> ROOT_CHILDREN = List.of(
            Node.group(
                    "pool",
                    PoolCommand.class,
                    Node.leaf("usage", PoolUsageCommand.class),
                    Node.leaf("check", PoolCheckCommand.class),
                    Node.leaf("release", PoolReleaseCommand.class),
                    Node.leaf("list", PoolListCommand.class, "ls"),
                    Node.leaf("get", PoolGetCommand.class),
                    Node.leaf("create", PoolCreateCommand.class),
                    Node.leaf("delete", PoolDeleteCommand.class)),
            Node.leaf("ip", IpCommand.class),
            Node.group(
                    "ns",
                    NsCommand.class,
                    Node.leaf("bind", NsBindCommand.class),
                    Node.leaf("unbind", NsUnbindCommand.class),
                    Node.leaf("list", NsListCommand.class, "ls")),
            Node.group(
                    "pod",
                    PodCommand.class,
                    Node.leaf("pin-ip", PodPinIpCommand.class),
                    Node.leaf("why", PodWhyCommand.class)),
            Node.group(
                    "ovs",
                    OvsCommand.class,
                    Node.leaf("show", OvsShowCommand.class),
                    Node.leaf("flows", OvsFlowsCommand.class)),
            Node.group(
                    "trace",
                    TraceCommand.class,
                    Node.leaf("list", TraceListCommand.class, "ls"),
                    Node.leaf("delete", TraceDeleteCommand.class)),
            Node.leaf("doctor", DoctorCommand.class),
            Node.group("metrics", MetricsCommand.class, Node.leaf("serve", MetricsServeCommand.class)),
            Node.group(
                    "sandbox",
                    SandboxCommand.class,
                    Node.leaf("status", SandboxStatusCommand.class),
                    Node.leaf("stop", SandboxStopCommand.class)),
            Node.leaf("shell", ShellCommand.class),
            Node.group(
                    "server",
                    ServerCommand.class,
                    Node.leaf("status", ServerStatusCommand.class),
                    Node.leaf("stop", ServerStopCommand.class),
                    Node.leaf("run", ServerRunCommand.class)),
            Node.leaf("version", VersionCommand.class),
            Node.leaf("completion", CompletionCommand.class),
            Node.leaf("options", OptionsCommand.class),
            Node.leaf(CompleteCommand.NAME, CompleteCommand.class),
            Node.leaf(CompleteArgsCommand.NAME, CompleteArgsCommand.class),
            Node.leaf(HelpCommand.NAME, HelpCommand.class));

    private CommandTree() {}

    /** Adds every command (for help, completion scripts and docs). */
    public static void addAll(CommandLine parent, List<Node> children) {
        for (Node n : children) {
            CommandLine cl = create(n);
            addAll(cl, n.children());
            parent.addSubcommand(n.name(), cl, n.aliases().toArray(String[]::new));
        }
    }

    /** Adds the commands of one level without their subcommands. */
    private static void addLevelOnly(CommandLine parent, List<Node> children) {
        for (Node n : children) {
            parent.addSubcommand(n.name(), create(n), n.aliases().toArray(String[]::new));
        }
    }

    /**
     * Adds only the commands that args name, level by level; where no word follows, the level's commands
     * without what is below them (for a list of them); where a word names none of a level, all below it.
     */
    public static void addFor(CommandLine parent, List<Node> children, List<String> args) {
        List<String> words = words(parent.getCommandSpec(), args);
        // `ipamctl --version` needs no subcommand at all; bare `ipamctl` and --help list them all.
        boolean listsCommands = args.isEmpty() || args.contains("-h") || args.contains("--help");
        addLevel(parent, children, words, 0, listsCommands);
    }

    private static void addLevel(
            CommandLine parent, List<Node> children, List<String> words, int depth, boolean listsCommands) {
        if (children.isEmpty()) {
            return;
        }
        String word = depth < words.size() ? words.get(depth) : null;
        Node chosen = word == null
                ? null
                : children.stream().filter(n -> n.answersTo(word)).findFirst().orElse(null);
        if (word == null) {
            // help or a group's usage lists this level's commands by name and header, nothing below them
            if (depth > 0 || listsCommands) {
                addLevelOnly(parent, children);
            }
            return;
        }
        if (chosen == null || chosen.name().equals(HelpCommand.NAME)) {
            // `help WORDS` looks the words up below; an unknown word is an error whose suggestions and
            // parse of the words after it are those of the whole tree
            addAll(parent, children);
            return;
        }
        CommandLine cl = create(chosen);
        addLevel(cl, chosen.children(), words, depth + 1, listsCommands);
        parent.addSubcommand(chosen.name(), cl, chosen.aliases().toArray(String[]::new));
    }

    /**
     * Every command answers -h/--help (the root's standard help options are not inherited); the hidden
     * completion commands do not, as a -h on the line being completed is not a request for their help.
     */
    private static CommandLine create(Node n) {
        CommandLine cl = new CommandLine(n.type());
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null && !spec.usageMessage().hidden()) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description("Show this help and exit.")
                    .build());
        }
        return cl;
    }

    /** The positional words of args (the values of root's options skipped), up to "--". */
    static List<String> words(CommandSpec root, List<String> args) {
        return split(valuedOptions(root), args, true);
    }

    /**
     * The positional words of args for the warm server's scans before a run (which build no model per
     * request): the root's options are read from its model once.
     */
    public static List<String> words(List<String> args) {
        return split(RootOptions.VALUED, args, true);
    }

    /** Everything in args but the positional words, for the warm server's scans (see words(List)). */
    public static List<String> options(List<String> args) {
        return split(RootOptions.VALUED, args, false);
    }

    /** Everything in args but the positional words: the options, each with its value. */
    public static List<String> options(CommandSpec root, List<String> args) {
        return split(valuedOptions(root), args, false);
    }

    /**
     * The names of root's options that take a separate value (--kubeconfig FILE, -n NAMESPACE, ...), read
     * from the model so that a new global option is never mistaken for a command name by its value.
     */
    static Set<String> valuedOptions(CommandSpec root) {
        Set<String> names = new java.util.HashSet<>();
        for (OptionSpec o : root.options()) {
            if (o.arity().min() > 0) {
                names.addAll(List.of(o.names()));
            }
        }
        return names;
    }

    /** The root's options that take a value, from a model built once (no caller's context is needed for it). */
    private static final class RootOptions {
        static final Set<String> VALUED =
                Set.copyOf(valuedOptions(CommandSpec.forAnnotatedObject(new IpamctlCommand(null, null, null))));
    }

    private static List<String> split(Set<String> valued, List<String> args, boolean wantWords) {
        List<String> words = new java.util.ArrayList<>();
        List<String> options = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-")) {
                options.add(a);
                if (valued.contains(a) && i + 1 < args.size()) {
                    options.add(args.get(++i));
                }
                continue;
            }
            words.add(a);
        }
        return wantWords ? words : options;
    }
}
