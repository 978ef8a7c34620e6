package io.ipamctl.commands;

import java.io.PrintWriter;
import java.util.Arrays;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.kube.KubeErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

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
        IpamctlException e = asUserError(ex);
        for (String line : e.lines()) {
            err.println("error: " + SafeText.printable(line));
        }
        if (root.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return e.exitCode();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        if (Arrays.asList(args).contains(CompleteCommand.NAME)) {
            return ExitCode.OK; // a completion request stays silent whatever it was given (see CompleteCommand)
        }
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage().strip();
        err.println("error: " + SafeText.printable(message) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * An interruption: the thread is interrupted, or an InterruptedException is in the chain (fabric8
     * wraps it in an InterruptedIOException; a bare InterruptedIOException can be a timeout).
     */
    static boolean interrupted(Throwable ex) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return asUserError(exception).exitCode();
    }

    private IpamctlException asUserError(Throwable ex) {
        if (ex instanceof IpamctlException e) {
            return e;
        }
        if (ex instanceof KubernetesClientException e) {
            return KubeErrors.translate(e, root.serverForMessages());
        }
        if (ex instanceof InterruptedException) {
            return new IpamctlException(ExitCode.INTERRUPTED, "interrupted");
        }
        String detail = ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return new IpamctlException(ExitCode.ERROR, "internal error: " + detail
                + (root.verbose() ? "" : " (run with -v for details)"), ex);
    }
}
