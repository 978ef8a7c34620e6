package io.ipamctl.commands.pool;

import io.ipamctl.commands.ValueForms;
import io.ipamctl.ipam.IpamSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** --source SOURCE[,SOURCE...], shared by the pool commands that read every source. */
public final class SourceOption {

    private static final String ALL = "all";

    @Option(
            names = "--source",
            paramLabel = "SOURCE",
            split = ",",
            converter = Choice.class,
            completionCandidates = Choices.class,
            description =
                    "antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated "
                            + "(default: every source the cluster has; sources not installed are skipped, sources you may not read "
                            + "are named in a warning).")
    List<String> sources = new ArrayList<>();

    /** The sources asked for, empty for every source present (the values were checked while parsing). */
    public Set<IpamSource> only() {
        Set<IpamSource> out = EnumSet.noneOf(IpamSource.class);
        for (String s : sources) {
            if (s.equals(ALL)) {
                return EnumSet.noneOf(IpamSource.class);
            }
            out.add(IpamSource.fromText(s).orElseThrow());
        }
        return out;
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
