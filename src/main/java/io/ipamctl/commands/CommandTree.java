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
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tree, declared once. Building picocli's model of every command costs ~200 ms of
 * reflection at each start, so a run builds only the branch its arguments name (the whole tree
 * for help, completion and generated docs).
 */
public final class CommandTree {

    /** A command: its names and how to make it, with its subcommands. */
    public record Node(String name, Set<String> aliases, Supplier<Object> factory, List<Node> children) {

        static Node leaf(String name, Supplier<Object> factory, String... aliases) {
            return new Node(name, Set.of(aliases), factory, List.of());
        }

        static Node group(String name, Supplier<Object> factory, Node... children) {
            return new Node(name, Set.of(), factory, List.of(children));
        }

        boolean answersTo(String token) {
            return name.equals(token) || aliases.contains(token);
        }
    }

    /** Subcommands of the root, in the order help lists them. */
    public static final List<Node> ROOT_CHILDREN = List.of(
            Node.group(
                    "pool",
                    PoolCommand::new,
                    Node.leaf("usage", PoolUsageCommand::new),
                    Node.leaf("check", PoolCheckCommand::new),
                    Node.leaf("release", PoolReleaseCommand::new),
                    Node.leaf("list", PoolListCommand::new, "ls"),
                    Node.leaf("get", PoolGetCommand::new),
                    Node.leaf("create", PoolCreateCommand::new),
                    Node.leaf("delete", PoolDeleteCommand::new)),
            Node.leaf("ip", IpCommand::new),
            Node.group(
                    "ns",
                    NsCommand::new,
                    Node.leaf("bind", NsBindCommand::new),
                    Node.leaf("unbind", NsUnbindCommand::new),
                    Node.leaf("list", NsListCommand::new, "ls")),
            Node.group(
                    "pod",
                    PodCommand::new,
                    Node.leaf("pin-ip", PodPinIpCommand::new),
                    Node.leaf("why", PodWhyCommand::new)),
            Node.group(
                    "ovs",
                    OvsCommand::new,
                    Node.leaf("show", OvsShowCommand::new),
                    Node.leaf("flows", OvsFlowsCommand::new)),
            Node.group(
                    "trace",
                    TraceCommand::new,
                    Node.leaf("list", TraceListCommand::new, "ls"),
                    Node.leaf("delete", TraceDeleteCommand::new)),
            Node.leaf("doctor", DoctorCommand::new),
            Node.group("metrics", MetricsCommand::new, Node.leaf("serve", MetricsServeCommand::new)),
            Node.group(
                    "sandbox",
                    SandboxCommand::new,
                    Node.leaf("status", SandboxStatusCommand::new),
                    Node.leaf("stop", SandboxStopCommand::new)),
            Node.leaf("shell", ShellCommand::new),
            Node.group(
                    "server",
                    ServerCommand::new,
                    Node.leaf("status", ServerStatusCommand::new),
                    Node.leaf("stop", ServerStopCommand::new),
                    Node.leaf("run", ServerRunCommand::new)),
            Node.leaf("version", VersionCommand::new),
            Node.leaf("completion", CompletionCommand::new),
            Node.leaf("options", OptionsCommand::new),
            Node.leaf(CompleteCommand.NAME, CompleteCommand::new),
            Node.leaf(CompleteArgsCommand.NAME, CompleteArgsCommand::new),
            Node.leaf(HelpCommand.NAME, HelpCommand::new));

    private CommandTree() {}

    /** Adds every command (for help, completion scripts and docs). */
    public static void addAll(CommandLine parent, List<Node> children) {
        for (Node n : children) {
            CommandLine cl = create(n);
            addAll(cl, n.children());
            parent.addSubcommand(n.name(), cl, n.aliases().toArray(String[]::new));
        }
    }

    /** Adds only the commands that args name, level by level; all of a level when a word names none of it. */
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
        if (chosen == null || chosen.name().equals(HelpCommand.NAME)) {
            if (word != null || depth > 0 || listsCommands) {
                addAll(parent, children);
            }
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
        CommandLine cl = new CommandLine(n.factory().get());
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
