package io.ipamctl.commands;

import io.ipamctl.SafeText;
import io.ipamctl.kube.DryRun;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** kubectl's --dry-run=none|client|server; a bare --dry-run means client. */
public final class DryRunOption {

    @Option(
            names = "--dry-run",
            paramLabel = "MODE",
            arity = "0..1",
            fallbackValue = "client",
            defaultValue = "none",
            converter = Converter.class,
            completionCandidates = Modes.class,
            description =
                    "none (default), client (check and print, send nothing) or server (the server validates, stores nothing).")
    DryRun mode;

    public DryRun mode() {
        return mode;
    }

    /** What kubectl appends to its "created" line. */
    public String suffix() {
        return switch (mode) {
            case CLIENT -> " (dry run)";
            case SERVER -> " (server dry run)";
            case NONE -> "";
        };
    }

    /** Exactly kubectl's spellings; anything else is refused at parse time, naming the value. */
    static final class Converter implements ITypeConverter<DryRun> {
        @Override
        public DryRun convert(String value) {
            return Arrays.stream(DryRun.values())
                    .filter(m -> m.toString().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new TypeConversionException(
                            "expected none, client or server, got \"" + SafeText.printable(value) + "\""));
        }
    }

    /** The values shell completion offers. */
    static final class Modes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(DryRun.values()).map(DryRun::toString).iterator();
        }
    }
}
