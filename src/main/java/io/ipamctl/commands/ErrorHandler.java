package io.ipamctl.commands;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.docs.CommandModel;
import io.ipamctl.kube.KubeErrors;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The single place errors reach the user: one "error: ..." line and a documented exit code.
 * Stack traces only with -v.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    private final IpamctlCommand root;

    ErrorHandler(IpamctlCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (interrupted(ex)) {
            // Ctrl-C: the terminal shows ^C, the clean-up steps say what they did; nothing to add
            return ExitCode.INTERRUPTED;
        }
        PrintWriter err = commandLine.getErr();
        if (ex instanceof UsageError u) {
            print(err, u);
            return u.exitCode();
        }
        IpamctlException e = asUserError(ex);
        String program = commandLine.getCommandSpec().root().name();
        for (String line : e.lines()) {
            err.println("error: " + SafeText.printable(ProgramName.inText(line, program)));
        }
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return e.exitCode();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        List<String> all = Arrays.asList(args);
        if (all.contains(CompleteCommand.NAME) || all.contains(CompleteArgsCommand.NAME)) {
            return ExitCode.OK; // a completion request stays silent whatever it was given (see CompleteCommand)
        }
        print(ex.getCommandLine().getErr(), usageError(ex, args));
        return ExitCode.USAGE;
    }

    /** "error: LINE (see '... --help')", and the suggestions cobra-style under "Did you mean this?". */
    static void print(PrintWriter err, UsageError e) {
        err.println("error: " + SafeText.printable(e.line()));
        if (!e.suggestions().isEmpty()) {
            err.println("Did you mean this?");
            e.suggestions().forEach(s -> err.println("\t" + SafeText.printable(s)));
        }
        err.flush();
    }

    /** picocli's parse error in kubectl's words: what was wrong, where, and what was expected. */
    static UsageError usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            if (u.isUnknownOption() || (word.startsWith("-") && word.length() > 1)) {
                return UsageError.unknownFlag(spec, word);
            }
            if (!CommandModel.children(cmd).isEmpty()) {
                return UsageError.unknownCommand(cmd, word);
            }
            return UsageError.unexpectedArgument(spec, word);
        }
        ArgSpec arg = ex.getArgSpec();
        if (ex instanceof MissingParameterException m) {
            List<ArgSpec> missing = m.getMissing();
            ArgSpec first = missing.isEmpty() ? arg : missing.get(0);
            if (first instanceof OptionSpec o) {
                // picocli's two cases: the option typed without its value, or a required option not typed
                Optional<String> typed = typedName(o, args);
                return typed.isPresent()
                        ? UsageError.of(spec, "flag needs an argument: " + typed.get() + " " + o.paramLabel())
                        : UsageError.of(spec, "missing required flag: " + o.longestName() + " " + o.paramLabel());
            }
            if (first instanceof PositionalParamSpec p) {
                return UsageError.missingArgument(spec, p.paramLabel());
            }
        }
        if (arg != null && ex.getValue() != null && ex.getCause() instanceof TypeConversionException conversion) {
            String name = arg instanceof OptionSpec o ? typedName(o, args).orElse(o.longestName()) : arg.paramLabel();
            return UsageError.of(
                    spec,
                    "invalid argument \"" + ex.getValue() + "\" for \"" + name + "\": expected "
                            + expected(arg, conversion));
        }
        String message =
                ex.getMessage() == null ? "invalid arguments" : ex.getMessage().strip();
        return UsageError.of(
                spec, message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1));
    }

    /** The form a value must have: from our converters, the choices of an enum, or the type. */
    private static String expected(ArgSpec arg, TypeConversionException conversion) {
        if (conversion instanceof ValueForms.Invalid invalid) {
            return invalid.expected();
        }
        Class<?> type = arg.type();
        if (type.isEnum() && arg.completionCandidates() != null) {
            List<String> choices = new java.util.ArrayList<>();
            arg.completionCandidates().forEach(choices::add);
            return ValueForms.oneOf(choices);
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return conversion.getMessage();
    }

    /** The name of the option as the user wrote it (-o or --output), if it is on the line. */
    private static Optional<String> typedName(OptionSpec o, String[] args) {
        String found = null;
        for (String a : args) {
            for (String n : o.names()) {
                boolean attached = n.length() == 2 && !n.startsWith("--") && a.startsWith(n); // -ojson
                if (a.equals(n) || a.startsWith(n + "=") || attached) {
                    found = n;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public int getExitCode(Throwable exception) {
        return asUserError(exception).exitCode();
    }

    private IpamctlException asUserError(Throwable ex) {
        if (ex instanceof IpamctlException e) {
            return e;
        }
        // an interrupt (Ctrl-C) that reached a request surfaces wrapped by the client: it is still 130, not a failure
        if (interrupted(ex)) {
            return new IpamctlException(ExitCode.INTERRUPTED, "interrupted");
        }
        if (ex instanceof KubernetesClientException e) {
            return KubeErrors.translate(e, root.serverForMessages());
        }
        String detail = ex.getMessage() == null
                ? ex.getClass().getName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return new IpamctlException(
                ExitCode.ERROR, "internal error: " + detail + (root.verbose() ? "" : " (run with -v for details)"), ex);
    }

    /**
     * An interruption (Ctrl-C): an InterruptedException (fabric8 wraps it in an InterruptedIOException; a
     * bare InterruptedIOException can be a timeout) or a ClosedByInterruptException in the chain, or the
     * thread is interrupted.
     */
    static boolean interrupted(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }
}
