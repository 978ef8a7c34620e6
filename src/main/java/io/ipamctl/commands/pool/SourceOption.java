package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.ipamctl.commands.ValueForms;
import io.ipamctl.ipam.IpamSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** --source antrea|whereabouts|node|all, shared by pool usage and pool check. */
public final class SourceOption {

    private static final String ALL = "all";

    @Option(names = "--source", paramLabel = "SOURCE", converter = Choice.class, completionCandidates = Choices.class,
            description = "antrea, whereabouts, node or all (default: every source the cluster has; sources not "
                    + "installed are skipped, sources you may not read are named in a warning).")
    String source;

    /** The one source asked for, or null for every source present. */
    IpamSource only() {
        return source == null || source.equals(ALL) ? null : IpamSource.fromText(source).orElseThrow();
    }

    /** The values --source takes: every source, and all. */
    public static final class Choices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> out = new ArrayList<>();
            for (IpamSource s : IpamSource.values()) {
                out.add(s.toString());
            }
            out.add(ALL);
            return out.iterator();
        }
    }

    /** Refuses any other value while the command line is parsed. */
    public static final class Choice implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            List<String> choices = new ArrayList<>();
            new Choices().forEach(choices::add);
            if (!choices.contains(value)) {
                throw new ValueForms.Invalid(value, ValueForms.oneOf(choices));
            }
            return value;
        }
    }
}
