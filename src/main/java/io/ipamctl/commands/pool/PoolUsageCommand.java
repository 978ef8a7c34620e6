package io.ipamctl.commands.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.PoolUsage;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PodDirectory;
import io.ipamctl.kube.PoolRecord;
import io.ipamctl.output.AllocationView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.PoolUsageView;
import io.ipamctl.output.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "usage",
        header = "Show total, used and free addresses of IP pools; fail CI when a pool runs full.",
        description = {
            "TOTAL is counted from the ranges exactly as Antrea does (start-end inclusive; a CIDR from",
            "network+1 with the gateway, and for a whole-subnet IPv4 CIDR the broadcast, reserved;",
            "65,536 at most per range). USED is the number of status.ipAddresses entries, Reserved",
            "StatefulSet addresses included; mismatches with status.usage are reported as warnings.",
            "Output: table (default), wide, json, yaml, name. The json/yaml schema is ipamctl/v1",
            "PoolUsageList (or AllocationList with --allocations), documented in commands/.",
            "With --watch the result is shown again whenever a pool changes (a watch, no polling):",
            "in place on a terminal, one after the other otherwise; Ctrl-C ends it (exit 130)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool usage                           # every pool",
            "  ipamctl pool usage pool-ap pool-db -o json   # two pools, for scripts",
            "  ipamctl pool usage pool-db --allocations     # who holds which address, on which node",
            "  ipamctl pool usage --threshold 80            # exit 3 if any pool is 80%% full or more",
            "  ipamctl pool usage -w                        # live view, redrawn at each allocation"})
public final class PoolUsageCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "POOL", description = "Pools to show (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--allocations", description = "List the allocated addresses: POOL, IP, PHASE, OWNER, NODE.")
    boolean allocations;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "Exit with code 3 when any listed pool is PCT percent full or more (0-100); offending pools are named on stderr.")
    Double threshold;

    @Option(names = {"-w", "--watch"},
            description = "After showing the pools, watch them and show them again at every change, until Ctrl-C. With --threshold, only the colours follow it.")
    boolean watch;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (threshold != null && (threshold.isNaN() || threshold < 0 || threshold > 100)) {
            throw IpamctlException.invalid("--threshold must be a percentage from 0 to 100, got " + threshold);
        }
        OutputFormat format = output.format(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE,
                OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);
        Session session = IpamctlCommand.session(spec);
        IpPoolStore store = new IpPoolStore(session.client());
        if (watch) {
            return PoolUsageWatch.run(session, store, format, output.headers(), warn -> view(session, store, format, warn, null));
        }
        List<PoolUsage> usages = new ArrayList<>();
        session.printer().print(view(session, store, format, session::warn, usages), format, output.headers());
        return thresholdVerdict(session, usages);
    }

    /**
     * What one look at the pools shows; their problems go to warn, their usages to usages (when not null).
     */
    private Printable view(Session session, IpPoolStore store, OutputFormat format, Consumer<String> warn,
                           List<PoolUsage> usagesSeen) {
        List<PoolRecord> pools = PoolSelection.select(store, names);
        List<PoolUsage> usages = new ArrayList<>();
        for (PoolRecord p : pools) {
            PoolUsage u = PoolUsage.of(p.definition(), p.allocations(), p.reportedUsed(), p.reportedTotal());
            p.problems().forEach(x -> warn.accept("pool " + p.name() + ": " + x));
            u.warnings().forEach(warn);
            usages.add(u);
        }
        if (usagesSeen != null) {
            usagesSeen.addAll(usages);
            if (pools.isEmpty()) {
                session.err().println("No IP pools found.");
            }
        }
        if (allocations) {
            return new AllocationView(allocationRows(session, pools));
        }
        boolean bars = format == OutputFormat.TABLE && session.ansi().enabled();
        return new PoolUsageView(usages, threshold, bars);
    }

    private int thresholdVerdict(Session session, List<PoolUsage> usages) {
        if (threshold == null) {
            return ExitCode.OK;
        }
        int code = ExitCode.OK;
        for (PoolUsage u : usages) {
            if (u.atOrAbove(threshold)) {
                session.err().println("threshold: pool " + u.pool().name() + " is " + PoolUsageView.formatPercent(u.percent())
                        + " full (" + u.used() + " of " + u.total() + "), at or above " + PoolUsageView.formatPercent(threshold));
                code = ExitCode.THRESHOLD;
            }
        }
        session.err().flush();
        return code;
    }

    private static List<AllocationView.Row> allocationRows(Session session, List<PoolRecord> pools) {
        Map<String, String> nodes = PodDirectory.nodesByPod(session.client());
        List<AllocationView.Row> rows = new ArrayList<>();
        for (PoolRecord p : pools) {
            List<Allocation> sorted = new ArrayList<>(p.allocations());
            sorted.sort((a, b) -> compareIps(a.ip(), b.ip()));
            for (Allocation a : sorted) {
                String kind = a.podOwner() != null ? "Pod" : a.statefulSetOwner() != null ? "StatefulSet" : null;
                rows.add(new AllocationView.Row(p.name(), a.ip(), a.phase(), a.ownerText(), kind,
                        a.podOwner() == null ? null : nodes.get(a.podOwner()), a.containerId()));
            }
        }
        return rows;
    }

    private static int compareIps(String a, String b) {
        var x = IpAddress.tryParse(a);
        var y = IpAddress.tryParse(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
