package io.ipamctl.commands;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.output.CustomColumns;
import io.ipamctl.output.JsonPathTemplate;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.output.RowOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "Output format.")
    String output;

    @Option(names = "--no-headers", description = "Print tables without the header row.")
    boolean noHeaders;

    @Option(
            names = "--sort-by",
            paramLabel = "FIELD",
            description =
                    "Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column "
                            + "name (USED); numbers sort as numbers, rows without the field first.")
    String sortBy;

    private final OutputFormat defaultFormat;
    private final List<OutputFormat> offered;

    /**
     * @param defaultFormat the format without -o; null when the command's default is no format (a
     *                      kubectl-style "created" line)
     * @param offered       what -o takes; with the template formats (JSONPATH ...) the command also takes --sort-by
     */
    public OutputOptions(OutputFormat defaultFormat, OutputFormat... offered) {
        this.defaultFormat = defaultFormat;
        this.offered = List.of(offered);
    }

    /** The formats of kubectl's get: table, wide, json, yaml, name, then the command's own extras and the templates. */
    public static OutputOptions listing(OutputFormat... extras) {
        List<OutputFormat> all = new ArrayList<>(List.of(
                OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME));
        all.addAll(List.of(extras));
        all.addAll(List.of(
                OutputFormat.JSONPATH,
                OutputFormat.JSONPATH_FILE,
                OutputFormat.CUSTOM_COLUMNS,
                OutputFormat.CUSTOM_COLUMNS_FILE));
        return new OutputOptions(OutputFormat.TABLE, all.toArray(OutputFormat[]::new));
    }

    /**
     * picocli hands the mixin the command it is part of: its -o option gets the command's formats as
     * completion candidates, description and check (the annotation above cannot know them); --sort-by
     * stays only on commands that list rows (those offering the template formats).
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
                    if (parse(value) == null) {
                        throw new ValueForms.Invalid(value, ValueForms.oneOf(shownNames()));
                    }
                    return value;
                })
                .build());
        if (!offered.contains(OutputFormat.JSONPATH)) {
            command.remove(command.findOption("--sort-by"));
        }
    }

    /** The offered format a value of -o names (jsonpath=... with its template), else null. */
    private OutputFormat parse(String value) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        for (OutputFormat f : offered) {
            if (f.toString().equals(name) && f.takesTemplate() == (eq >= 0) && (eq < 0 || eq < value.length() - 1)) {
                return f;
            }
        }
        return null;
    }

    /** What -o completes: the names, and jsonpath= etc. for the template formats (their value follows the =). */
    private List<String> names() {
        return offered.stream()
                .map(f -> f.takesTemplate() ? f + "=" : f.toString())
                .toList();
    }

    /** The forms in help and errors: jsonpath=TEMPLATE, custom-columns-file=FILE. */
    private List<String> shownNames() {
        return offered.stream().map(OutputOptions::shown).toList();
    }

    private static String shown(OutputFormat f) {
        return switch (f) {
            case JSONPATH -> "jsonpath=TEMPLATE";
            case CUSTOM_COLUMNS -> "custom-columns=SPEC";
            case JSONPATH_FILE, CUSTOM_COLUMNS_FILE -> f + "=FILE";
            default -> f.toString();
        };
    }

    /** "table (default), wide, json or yaml". */
    private String describe() {
        List<String> shown = new ArrayList<>();
        for (OutputFormat f : offered) {
            shown.add(f == defaultFormat ? f + " (default)" : shown(f));
        }
        return ValueForms.oneOf(shown);
    }

    /**
     * The chosen format (the value was checked against the offered ones while parsing). An inline
     * template and a --sort-by path are checked here too, so a command that asks for its format first
     * refuses a bad one (exit 2) before any request.
     */
    public OutputFormat format() {
        if (output == null) {
            return defaultFormat;
        }
        OutputFormat f = parse(output);
        if (f == OutputFormat.JSONPATH) {
            JsonPathTemplate.parse(template());
        } else if (f == OutputFormat.CUSTOM_COLUMNS) {
            CustomColumns.parse(template());
        }
        if (sortBy != null) {
            RowOrder.parse(sortBy);
        }
        return f;
    }

    /** Everything -o, --no-headers and --sort-by asked for, checked; a template file is read relative to the caller. */
    public OutputRequest request(Environment environment) {
        OutputFormat f = format();
        RowOrder order = sortBy == null ? null : RowOrder.parse(sortBy);
        return switch (f == null ? OutputFormat.RAW : f) {
            case JSONPATH -> new OutputRequest(f, headers(), JsonPathTemplate.parse(template()), null, order);
            case JSONPATH_FILE ->
                new OutputRequest(f, headers(), JsonPathTemplate.parse(readFile(environment)), null, order);
            case CUSTOM_COLUMNS -> new OutputRequest(f, headers(), null, CustomColumns.parse(template()), order);
            case CUSTOM_COLUMNS_FILE ->
                new OutputRequest(
                        f, headers(), null, CustomColumns.parseFile(readFile(environment), template()), order);
            default -> new OutputRequest(f, headers(), null, null, order);
        };
    }

    private String template() {
        return output.substring(output.indexOf('=') + 1);
    }

    private String readFile(Environment environment) {
        String file = template();
        Path path = environment.resolve(Path.of(file));
        try {
            if (Files.size(path) > MAX_TEMPLATE_BYTES) {
                throw IpamctlException.invalid("template file " + SafeText.printable(file) + " is bigger than "
                        + MAX_TEMPLATE_BYTES + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw IpamctlException.invalid("template file " + SafeText.printable(file) + " does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw IpamctlException.invalid("cannot read template file " + SafeText.printable(file)
                    + (Files.isDirectory(path) ? ": it is a directory" : ""));
        }
    }

    private static final int MAX_TEMPLATE_BYTES = 1 << 20;

    public boolean headers() {
        return !noHeaders;
    }
}
