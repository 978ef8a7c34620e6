package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipamctl.commands.docs.CommandModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * __complete-args answers kubectl in cobra's protocol: the candidates, then ":0" where the value is a
 * file name (the shell completes it) and ":4" everywhere else. Which values are file names is declared
 * (their type, or {@link FileNames}), never read from a help label.
 */
class CompleteArgsCommandTest {

    @TempDir
    Path state;

    private String complete(String... words) {
        String[] args = new String[words.length + 1];
        args[0] = CompleteArgsCommand.NAME;
        System.arraycopy(words, 0, args, 1, words.length);
        CliRun.Result r = new CliRun(state).run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void fileNamesWhereAFileIsAsked() {
        assertEquals(":0\n", complete("pool", "create", "p", "-f", ""));
        assertEquals(":0\n", complete("pod", "pin-ip", "db-01", "172.16.20.20", "--filename", ""));
        assertEquals(":0\n", complete("--kubeconfig", ""));
        assertEquals(":0\n", complete("pool", "usage", "--kubeconfig", ""));
    }

    @Test
    void noFileNamesElsewhere() {
        assertEquals(":4\n", complete("pool", "usage", "--threshold", ""));
        assertEquals(":4\n", complete("pool", "create", "p", "--gateway", ""));
        assertEquals(
                "client\nnone\nserver\n:4\n".lines().sorted().toList(),
                complete("pool", "create", "p", "--dry-run", "")
                        .lines()
                        .sorted()
                        .toList());
    }

    @Test
    void theLabelFileAloneMeansNothing() {
        CommandLine.Model.OptionSpec labelled = CommandLine.Model.OptionSpec.builder("--x")
                .paramLabel("FILE")
                .type(String.class)
                .build();
        assertFalse(CommandModel.completesFiles(labelled));
        CommandLine.Model.OptionSpec marked = CommandLine.Model.OptionSpec.builder("--x")
                .paramLabel("MANIFEST")
                .type(String.class)
                .completionCandidates(new FileNames())
                .build();
        assertTrue(CommandModel.completesFiles(marked));
        assertTrue(CommandModel.fixedValues(marked).isEmpty(), "a file marker offers no fixed values");
    }
}
