package io.ipamctl.commands;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.ipamctl.IpamctlException;
import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.Option;

/** -o and --no-headers, shared by every command that prints a result. */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: table, wide, json, yaml or name (what a command offers is in its description).")
    String output;

    @Option(names = "--no-headers", description = "Print tables without the header row.")
    boolean noHeaders;

    /** The chosen format, checked against what the command offers. */
    public OutputFormat format(OutputFormat defaultFormat, OutputFormat... offered) {
        if (output == null) {
            return defaultFormat;
        }
        Set<OutputFormat> allowed = EnumSet.noneOf(OutputFormat.class);
        allowed.addAll(Arrays.asList(offered));
        for (OutputFormat f : allowed) {
            if (f.toString().equals(output)) {
                return f;
            }
        }
        throw IpamctlException.invalid("unknown output format \"" + io.ipamctl.SafeText.printable(output)
                + "\"; this command offers " + allowed.stream().map(OutputFormat::toString).collect(Collectors.joining("|")));
    }

    public boolean headers() {
        return !noHeaders;
    }
}
