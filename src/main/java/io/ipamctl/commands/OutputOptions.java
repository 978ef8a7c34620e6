package io.ipamctl.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * -o and --no-headers, shared by every command that prints a result. Each command declares the formats
 * it offers where it declares the mixin ({@code @Mixin OutputOptions output = new OutputOptions(TABLE,
 * TABLE, WIDE, JSON)}), so that --help, the completion of {@code -o <TAB>} and the check of the value all
 * read that one declaration.
 */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format.")
    String output;

    @Option(names = "--no-headers", description = "Print tables without the header row.")
    boolean noHeaders;

    private final OutputFormat defaultFormat;
    private final List<OutputFormat> offered;

    /**
     * @param defaultFormat the format without -o; null when the command's default is no format (a
     *                      kubectl-style "created" line)
     * @param offered       what -o takes
     */
    public OutputOptions(OutputFormat defaultFormat, OutputFormat... offered) {
        this.defaultFormat = defaultFormat;
        this.offered = List.of(offered);
    }

    /**
     * picocli hands the mixin the command it is part of: its -o option gets the command's formats as
     * completion candidates, description and check (the annotation above cannot know them).
     */
    @Spec(Spec.Target.MIXEE)
    void offerIn(CommandSpec command) {
        OptionSpec declared = command.findOption("--output");
        List<String> names = names();
        command.remove(declared);
        command.addOption(declared.toBuilder()
                .completionCandidates(names)
                .description("Output format: " + describe() + ".")
                .converters((ITypeConverter<String>) value -> {
                    if (!names.contains(value)) {
                        throw new ValueForms.Invalid(value, ValueForms.oneOf(names));
                    }
                    return value;
                })
                .build());
    }

    private List<String> names() {
        return offered.stream().map(OutputFormat::toString).toList();
    }

    /** "table (default), wide, json or yaml". */
    private String describe() {
        List<String> shown = new ArrayList<>();
        for (OutputFormat f : offered) {
            shown.add(f == defaultFormat ? f + " (default)" : f.toString());
        }
        return ValueForms.oneOf(shown);
    }

    /** The chosen format (the value was checked against the offered ones while parsing). */
    public OutputFormat format() {
        if (output == null) {
            return defaultFormat;
        }
        return Arrays.stream(OutputFormat.values()).filter(f -> f.toString().equals(output)).findFirst().orElseThrow();
    }

    public boolean headers() {
        return !noHeaders;
    }
}
