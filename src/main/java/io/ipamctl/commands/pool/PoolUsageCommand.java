package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.SelectorOption;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.AllocationView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.output.Percent;
import io.ipamctl.output.PoolUsageView;
import io.ipamctl.output.Printable;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "usage",
        header = "Show total, used and free addresses of every IP pool; fail CI when a pool runs full.",
        description = {
            "One row per Antrea IPPool, Whereabouts range (Multus secondary networks) and Node podCIDR "
                    + "(native Node IPAM), for every source the cluster has (or those of --source). SOURCE is a "
                    + "column of the table when rows of more than one source are listed, and always of -o wide.",
            "Antrea: TOTAL is counted from the ranges exactly as Antrea does (start-end inclusive; a CIDR "
                    + "from network+1 with the gateway, and for a whole-subnet IPv4 CIDR the broadcast, reserved; "
                    + "65,536 at most per range). USED is the number of status.ipAddresses entries, Reserved "
                    + "StatefulSet addresses included; mismatches with status.usage are reported as warnings.",
            "Whereabouts: TOTAL is the union of what the IPAM configs of the NetworkAttachmentDefinitions "
                    + "using the range hand out: network+1 to last-1 of the range, narrowed by "
                    + "range_start/range_end, minus exclude (the gateway is not taken out, as Whereabouts does "
                    + "not); USED = spec.allocations.",
            "Node: TOTAL = podCIDR minus network, gateway (network+1) and IPv4 broadcast; USED = running "
                    + "Pods on that node, not on the host network, with an address in the podCIDR.",
            "USE%% is USED/TOTAL rounded down to 0.1 (1,999 of 2,000 shows 99.9%%), so it never shows a "
                    + "fill --threshold does not see; --threshold compares the exact fraction. A pool that can hand "
                    + "out no address (TOTAL 0, e.g. a /31 or /32 CIDR) shows 100.0%%, is named in a warning with "
                    + "the reason, and is at or above every --threshold: a CI gate never passes on it.",
            "POOL names an Antrea pool, a Whereabouts pool (NAME or NAMESPACE/NAME) or a node, or any of "
                    + "them as SOURCE/NAME the way -o name prints it (antrea/pool-ap, "
                    + "whereabouts/kube-system/192.168.20.0-24). When some are found and others not, the found "
                    + "pools are shown and then one error line per missing name (exit 1, before --threshold's 3).",
            "VLAN shows <none> for every pool without a VLAN tag, whatever the source. AGE (-o wide) is the age "
                    + "of the pool's object as kubectl shows it (a Node's for its podCIDR); -o json/yaml carry its "
                    + "creationTimestamp, and --sort-by takes either (.metadata.creationTimestamp as with kubectl).",
            "-l/--selector lists only the pools whose own objects carry matching labels (Antrea IPPools and "
                    + "ExternalIPPools, Whereabouts IPPools, Nodes for their podCIDRs, ServiceCIDRs), the selector "
                    + "sent to the API server as kubectl does; it cannot be combined with POOL names. When nothing "
                    + "matches, stderr says \"No resources found\" and the exit code is 0.",
            "Output: table (default), wide, json, yaml, name, prometheus. The json/yaml schema is ipamctl/v1 "
                    + "PoolUsageList (or AllocationList with --allocations), fields in the README (Whereabouts and "
                    + "Node IPAM). -o prometheus writes the Prometheus text format (ipamctl_pool_capacity_addresses, "
                    + "ipamctl_pool_addresses{state=used|free}, ipamctl_pool_fill_ratio; README \"Metrics\") for the "
                    + "node-exporter textfile collector or a CI artifact; to serve them, see: ipamctl metrics serve.",
            "With --watch the result is shown again whenever a pool of a source shown changes (Antrea "
                    + "IPPools, Whereabouts IPPools and NetworkAttachmentDefinitions, Nodes and Pods; a watch, no "
                    + "polling): in place on a terminal, one after the other otherwise; Ctrl-C ends it (exit 130). "
                    + "A --watch runs in its own process, never in the warm server (see: ipamctl server)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool usage                           # every pool of every source",
            "  ipamctl pool usage pool-ap pool-db -o json   # two Antrea pools, for scripts",
            "  ipamctl pool usage --source whereabouts --allocations   # who holds which macvlan-conf address",
            "  ipamctl pool usage --source antrea,node -o name          # antrea/pool-ap ... node/node-01",
            "  ipamctl pool usage --threshold 80            # exit 3 if any pool is 80%% full or more",
            "  ipamctl pool usage -l team=db --threshold 80  # the gate for one team's pools only",
            "  ipamctl pool usage -o wide --sort-by AGE     # with each pool's AGE, youngest first",
            "  ipamctl pool usage -o prometheus > pools.prom  # for the textfile collector (README \"Metrics\")",
            "  ipamctl pool usage -w                        # live view, redrawn at each allocation"
        })
public final class PoolUsageCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            arity = "0..*",
            paramLabel = "POOL",
            completionCandidates = LiveName.Pools.class,
            description = "Pools to show (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--allocations", description = "List the allocated addresses: POOL, IP, PHASE, OWNER, NODE.")
    boolean allocations;

    @Option(
            names = {"-A", "--all-namespaces"},
            description =
                    "With --allocations: the addresses of every namespace's owners, whatever -n says (the default without -n).")
    boolean allNamespaces;

    @Option(
            names = "--threshold",
            paramLabel = "PCT",
            converter = ValueForms.Percent.class,
            description =
                    "Exit with code 3 when any listed pool is PCT percent full or more (0-100); offending pools are named on stderr.")
    Double threshold;

    @Option(
            names = {"-w", "--watch"},
            description =
                    "After showing the pools, watch them and show them again at every change, until Ctrl-C. With --threshold, only the colours follow it.")
    boolean watch;

    @Mixin
    SourceOption source;

    @Mixin
    SelectorOption selector;

    @Mixin
    OutputOptions output = OutputOptions.listing(OutputFormat.PROMETHEUS);

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "IP pools are cluster-wide (name a Whereabouts pool as NAMESPACE/NAME; with --allocations, -n lists "
                + "the addresses of one namespace's owners)";
    }

    /** -n filters the allocations by their owner's namespace (-A overrides it, as in kubectl). */
    @Override
    public boolean takesNamespace() {
        return allocations;
    }

    @Override
    public Integer call() {
        Set<IpamSource> only = source.only();
        OutputFormat format = output.format();
        String labels = UsageSelection.labelSelector(selector, names);
        UsageSelection.checkNames(names);
        if (format == OutputFormat.PROMETHEUS && allocations) {
            throw IpamctlException.invalid(
                    "-o prometheus exports pool totals, not single addresses: leave out --allocations");
        }
        if (format == OutputFormat.PROMETHEUS && watch) {
            throw IpamctlException.invalid(
                    "-o prometheus cannot be combined with --watch: to serve metrics that follow "
                            + "the pools, run: ipamctl metrics serve");
        }
        Session session = IpamctlCommand.session(spec);
        OutputRequest request = output.request(session.environment());
        if (watch) {
            return PoolUsageWatch.run(
                    session,
                    (onChange, onEnd) -> IpamInventory.watch(session.client(), only, onChange, onEnd),
                    request,
                    warn -> view(session, only, labels, format, warn, null, null));
        }
        List<SourceUsage> usages = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Printable shown = view(session, only, labels, format, session::warn, usages, missing);
        if (UsageSelection.printed(usages, missing, format)) {
            session.printer().print(shown, request);
        }
        int verdict = thresholdVerdict(session, usages);
        // a name not found fails the run (exit 1) even past a threshold: the gate did not see every pool asked for
        int lookup = new UsageSelection.Selected(usages, missing).report(session);
        return lookup != ExitCode.OK ? lookup : verdict;
    }

    /**
     * What one look at the pools shows; their problems go to warn, their usages to usagesSeen and the names
     * not found to missing (both null for --watch, where a missing name fails before anything is shown).
     */
    private Printable view(
            Session session,
            Set<IpamSource> only,
            String labels,
            OutputFormat format,
            Consumer<String> warn,
            List<SourceUsage> usagesSeen,
            List<String> missing) {
        IpamInventory inventory = IpamInventory.load(
                session.client(),
                session.cache(),
                only,
                labels,
                allocations ? IpamInventory.Purpose.OWNERS : IpamInventory.Purpose.ROWS,
                warn);
        UsageSelection.Selected selected = UsageSelection.select(inventory.usages(), names, inventory.sources());
        List<SourceUsage> usages = missing == null ? selected.orThrow() : selected.rows();
        usages.forEach(u -> u.warnings().forEach(warn));
        if (usagesSeen != null) {
            usagesSeen.addAll(usages);
            missing.addAll(selected.missing());
            if (usages.isEmpty() && names.isEmpty()) {
                session.err().println(UsageSelection.nothingFound(labels));
            }
        }
        if (allocations) {
            String namespace = allNamespaces ? null : session.explicitNamespace();
            return new AllocationView(AllocationRows.of(inventory, usages, namespace));
        }
        boolean bars = format == OutputFormat.TABLE && session.ansi().enabled();
        return new PoolUsageView(usages, threshold, bars, session.environment().now());
    }

    private int thresholdVerdict(Session session, List<SourceUsage> usages) {
        if (threshold == null) {
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        for (SourceUsage u : usages) {
            if (u.fill().noCapacity()) {
                session.err()
                        .println("threshold: " + u.label() + " has no usable address (" + u.used()
                                + " of 0), which counts as full");
                code = ExitCode.THRESHOLD;
            } else if (u.fill().atOrAbove(threshold)) {
                session.err()
                        .println("threshold: " + u.label() + " is " + Percent.of(u.fill()) + " full (" + u.used()
                                + " of " + u.total() + "), at or above " + Percent.threshold(threshold));
                code = ExitCode.THRESHOLD;
            }
        }
        session.err().flush();
        return code;
    }
}
