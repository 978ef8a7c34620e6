package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.SafeText;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.SelectorOption;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.Problem;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.PoolCheckView;
import io.ipamctl.sources.IpamInventory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        header =
                "Find leaked, unrecorded and doubly held addresses, overlapping pools and dangling pool references; exit 3 if any.",
        description = {
            "Compares what Antrea IPPools, Whereabouts IPPools and Node podCIDRs record with the Pods and "
                    + "Namespaces that exist, and with each other, and reports:",
            "  leaked  an allocation whose owner Pod no longer exists",
            "  unrecorded  a Pod's address inside an Antrea pool that the pool does not record for it",
            "  duplicate  one address allocated twice, or held by two running Pods",
            "  pod-ips-mismatch  ipam.antrea.io/pod-ips asks for another address than the Pod has",
            "  network-status-unrecorded  a Multus network-status address of a Whereabouts network that "
                    + "no Whereabouts pool records for the Pod",
            "  overlap  two pools that share addresses: an Antrea pool with another pool, a Node's "
                    + "podCIDR or a Whereabouts range, or podCIDRs of two Nodes (Whereabouts ranges may overlap "
                    + "each other: Whereabouts keeps them apart)",
            "  dangling-reference  a Namespace or Pod whose ipam.antrea.io/ippools names a pool that does "
                    + "not exist (its new Pods cannot get addresses)",
            "With -l only the pools whose objects' labels match are checked (see pool usage), and only their "
                    + "problems are reported.",
            "It only reads; free a leaked address with: ipamctl pool release IP --pool POOL. Exit code 0 "
                    + "when consistent, 3 when problems were found.",
            "Output: table (default), wide, json, yaml, prometheus. The json/yaml schema is ipamctl/v1 "
                    + "PoolCheckReport, fields in the README (Whereabouts and Node IPAM). -o prometheus writes "
                    + "ipamctl_pool_check_problems{source,kind} for every kind of every source checked, 0 included "
                    + "(README \"Metrics\"); the exit code stays 3 when problems were found."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool check                          # every source the cluster has",
            "  ipamctl pool check --source whereabouts     # finds default/pod-gone's leaked 192.168.20.13",
            "  ipamctl pool check -o json > report.json    # in CI: exit 3 and a report when anything is off",
            "  ipamctl pool check -l team=db               # the pools labelled team=db only",
            "  ipamctl pool check -o prometheus > check.prom   # problems by kind, for the textfile collector"
        })
public final class PoolCheckCommand implements Callable<Integer>, ClusterScoped {

    @Mixin
    SourceOption source;

    @Mixin
    SelectorOption selector;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE,
            OutputFormat.TABLE,
            OutputFormat.WIDE,
            OutputFormat.JSON,
            OutputFormat.YAML,
            OutputFormat.PROMETHEUS);

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "IP pools are checked cluster-wide";
    }

    @Override
    public Integer call() {
        var only = source.only();
        OutputFormat format = output.format();
        String labels = selector.selector();
        Session session = IpamctlCommand.session(spec);
        IpamInventory inventory = IpamInventory.load(
                session.client(), session.cache(), only, labels, IpamInventory.Purpose.CHECK, session::warn);
        if (labels != null && inventory.usages().isEmpty()) {
            session.err().println(UsageSelection.nothingFound(labels));
        }
        List<Problem> problems = inventory.problems();
        PoolCheckView view = new PoolCheckView(inventory.sources(), problems);
        if (problems.isEmpty() && (format == OutputFormat.TABLE || format == OutputFormat.WIDE)) {
            session.out()
                    .println(session.ansi()
                            .paint(
                                    SafeText.printable(view.verdict().text()),
                                    view.verdict().style()));
            session.out().flush();
        } else {
            session.printer().print(view, format, output.headers());
        }
        return problems.isEmpty() ? ExitCode.OK : ExitCode.THRESHOLD;
    }
}
