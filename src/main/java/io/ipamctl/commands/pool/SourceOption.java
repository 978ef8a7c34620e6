package io.ipamctl.commands.pool;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpamSource;
import picocli.CommandLine.Option;

/** --source antrea|whereabouts|node|all, shared by pool usage and pool check. */
public final class SourceOption {

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "antrea, whereabouts, node or all (default: every source the cluster has; sources not "
                    + "installed are skipped, sources you may not read are named in a warning).")
    String source;

    /** The one source asked for, or null for every source present. */
    IpamSource only() {
        if (source == null || source.equals("all")) {
            return null;
        }
        return IpamSource.fromText(source).orElseThrow(() -> IpamctlException.invalid("invalid --source \""
                + SafeText.printable(source) + "\": expected antrea, whereabouts, node or all"));
    }
}
