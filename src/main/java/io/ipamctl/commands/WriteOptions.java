package io.ipamctl.commands;

import io.ipamctl.kube.DryRun;
import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that creates an object takes, as kubectl create does: -f FILE (a manifest, - for
 * stdin), --dry-run and -o, and prints a kubectl-style "created" line or the object.
 */
public final class WriteOptions {

    @Option(
            names = {"-f", "--filename"},
            paramLabel = "FILE",
            completionCandidates = FileNames.class,
            description = "Read the object from a YAML or JSON manifest (- for stdin).")
    String file;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    OutputOptions output = new OutputOptions(null, OutputFormat.YAML, OutputFormat.JSON, OutputFormat.NAME);

    /** -f, or null. */
    public String file() {
        return file;
    }

    public DryRun dryRun() {
        return dryRun.mode();
    }

    public String dryRunSuffix() {
        return dryRun.suffix();
    }

    /** A kubectl-style line by default; yaml, json or name on request. */
    public OutputFormat format() {
        return output.format();
    }
}
