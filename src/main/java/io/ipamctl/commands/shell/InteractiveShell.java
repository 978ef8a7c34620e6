package io.ipamctl.commands.shell;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.Completions;
import io.ipamctl.commands.Environment;
import io.ipamctl.commands.Ipamctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The read-run loop of {@code ipamctl shell}: each line is one ordinary ipamctl run (the same command
 * tree, error handling and exit codes) with the shell's global options in front.
 */
final class InteractiveShell {

    static final String PROMPT = "ipamctl> ";
    private static final Set<String> LEAVE = Set.of("exit", "quit");

    private final List<String> globals;
    private final Environment environment;
    private final PrintWriter out;
    private final PrintWriter err;

    InteractiveShell(List<String> globals, Environment environment, PrintWriter out, PrintWriter err) {
        this.globals = new ArrayList<>(globals);
        this.environment = environment;
        this.out = out;
        this.err = new PrintWriter(new SandboxNoticeOnce(err), true);
    }

    int run() {
        resetSandboxOnce();
        try (Terminal terminal =
                TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("ipamctl")
                    .completer(new ShellCompleter(this::namesFromComplete))
                    .variable(LineReader.HISTORY_FILE, historyFile())
                    .build();
            // Ctrl-C while a command runs stops that command (it sees an interrupt), not the shell;
            // while a line is edited, JLine turns it into UserInterruptException instead.
            Thread loop = Thread.currentThread();
            terminal.handle(Terminal.Signal.INT, signal -> loop.interrupt());
            // lines from a pipe get no prompt and no banner, so the output is only the commands' own
            String prompt = environment.stdoutTerminal() ? PROMPT : "";
            if (environment.stdoutTerminal()) {
                err.println(
                        "ipamctl shell: commands without 'ipamctl' (pool usage, ns list, help ...), TAB completes, exit leaves.");
            }
            while (true) {
                List<String> words;
                try {
                    reader.readLine(prompt);
                    words = ShellLine.words(reader.getParsedLine());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (words.size() == 1 && LEAVE.contains(words.get(0))) {
                    break;
                }
                execute(words);
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw IpamctlException.failed("cannot open the terminal for the shell: " + e.getMessage(), e);
        }
    }

    private void execute(List<String> words) {
        if (words.isEmpty()) {
            return;
        }
        if (words.get(0).equals("shell")) {
            err.println("error: already in the ipamctl shell");
            return;
        }
        List<String> args = new ArrayList<>(globals);
        args.addAll(words);
        Ipamctl.run(args.toArray(String[]::new), environment, out, err);
        out.flush();
        err.flush();
        Thread.interrupted(); // a Ctrl-C that came after the command ended is not kept for the next one
    }

    /** Live names as {@code ipamctl __complete KIND PREFIX} prints them, asked with the shell's and the line's options. */
    private List<String> namesFromComplete(List<String> lineOptions, String kind, String prefix) {
        return Completions.inProcess(environment, globals).find(lineOptions, kind, prefix);
    }

    /**
     * --sandbox-reset resets once, when the shell starts (through a silent name lookup, which opens the
     * sandbox); the commands typed then work on that fresh sandbox instead of resetting it each time.
     */
    private void resetSandboxOnce() {
        int at = globals.indexOf("--sandbox-reset");
        if (at < 0) {
            return;
        }
        namesFromComplete(List.of(), "ippools", "");
        globals.set(at, "--sandbox");
    }

    private Path historyFile() {
        Path dir = environment.stateDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("warning: no shell history: cannot create " + dir + ": " + e.getMessage());
        }
        return dir.resolve("shell_history");
    }
}
