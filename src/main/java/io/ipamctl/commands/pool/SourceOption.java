package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpamSource;
import picocli.CommandLine.Option;

/** --source SOURCE[,SOURCE...], shared by the pool commands that read every source. */
public final class SourceOption {

    @Option(names = "--source", paramLabel = "SOURCE", split = ",",
            description = "antrea, whereabouts, node or all; several comma-separated or repeated (default: every source "
                    + "the cluster has; sources not installed are skipped, sources you may not read are named in a warning).")
    List<String> sources = new ArrayList<>();

    /** The sources asked for, empty for every source present. */
    Set<IpamSource> only() {
        Set<IpamSource> out = EnumSet.noneOf(IpamSource.class);
        for (String s : sources) {
            if (s.equals("all")) {
                return EnumSet.noneOf(IpamSource.class);
            }
            out.add(IpamSource.fromText(s).orElseThrow(() -> IpamctlException.invalid("invalid --source \""
                    + SafeText.printable(s) + "\": expected " + String.join(", ", Arrays.stream(IpamSource.values())
                    .map(IpamSource::toString).toList()) + " or all")));
        }
        return out;
    }
}
