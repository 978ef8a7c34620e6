package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.docs.HelpPage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command line and runs one invocation; the only entry point (Main and tests use it). */
public final class Ipamctl {

    private Ipamctl() {}

    /** The whole command tree (help, completion scripts, generated docs). */
    public static CommandLine commandLine(IpamctlCommand root) {
        CommandLine cl = new CommandLine(root);
        CommandTree.addAll(cl, CommandTree.ROOT_CHILDREN);
        return configured(cl, root);
    }

    /** Only the branch of the tree that args name: the fast path of every run. */
    public static CommandLine commandLine(IpamctlCommand root, String[] args) {
        CommandLine cl = new CommandLine(root);
        CommandTree.addFor(cl, CommandTree.ROOT_CHILDREN, java.util.Arrays.asList(args));
        return configured(cl, root);
    }

    private static CommandLine configured(CommandLine cl, IpamctlCommand root) {
        ErrorHandler handler = new ErrorHandler(root);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setExitCodeExceptionMapper(handler);
        cl.getCommandSpec().name(ProgramName.of(root.environment()));
        // kubectl's rule for a flag given twice: the last value wins (a boolean flag stays on; see GlobalOptions)
        cl.setOverwrittenOptionsAllowed(true);
        applyExitCodeList(cl);
        HelpPage.install(cl, HelpPage.width(root.environment().terminal()));
        return cl;
    }

    /**
     * One run of a process started for it (Main): the API connection the line will most likely use is begun
     * on a second thread while picocli builds the command ({@link EarlyStart}); the run takes it only when
     * its settings turn out the same.
     */
    public static int runCold(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        java.util.Optional<io.ipamctl.kube.EarlyConnection> early = EarlyStart.start(args, environment);
        if (early.isEmpty()) {
            return run(args, environment, out, err);
        }
        try (io.ipamctl.kube.EarlyConnection connection = early.get()) {
            return run(args, environment, out, err, new Host(connection, Host.PROCESS.cleanups(), false));
        }
    }

    /** One run in this process (the shell, tests). */
    public static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        return run(args, environment, out, err, Host.PROCESS);
    }

    /** One run with what its host process lends it (the warm server passes its own per request). */
    public static int run(String[] args, Environment environment, PrintWriter out, PrintWriter err, Host host) {
        IpamctlCommand root = new IpamctlCommand(environment, out, err, host);
        CommandLine cl = commandLine(root, args);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        try {
            root.close();
        } catch (IpamctlException e) {
            String line = ProgramName.inText(e.getMessage(), ProgramName.of(environment));
            err.println("error: " + SafeText.printable(line));
            err.flush();
            return code == ExitCode.OK ? e.exitCode() : code;
        }
        return code;
    }

    /** Every command's --help ends with the same exit code table, unless it declares its own. */
    private static void applyExitCodeList(CommandLine cl) {
        if (!cl.getCommandSpec().usageMessage().exitCodeList().isEmpty()) {
            cl.getSubcommands().values().forEach(Ipamctl::applyExitCodeList);
            return;
        }
        Map<String, String> codes = new LinkedHashMap<>();
        ExitCode.TABLE.forEach(m -> codes.put(String.valueOf(m.code()), m.text()));
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes);
        cl.getSubcommands().values().forEach(Ipamctl::applyExitCodeList);
    }
}
