package io.ipamctl.commands.pool;

import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.SelectorOption;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        aliases = "ls",
        header = "List IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.",
        description = {
            "One row per Antrea IPPool, Whereabouts range and Node podCIDR (or those of --source), as in "
                    + "pool usage. SUBNET is the network the pool's addresses belong to: for an Antrea pool the "
                    + "network that subnetInfo's gateway and prefix length name (gateway 172.16.19.254 with prefix "
                    + "24 is subnet 172.16.19.0/24); GATEWAY is the gateway.",
            "Output: table (default), wide (adds the served API version and SOURCE), json, yaml (schema "
                    + "ipamctl/v1 PoolList, with the allocated addresses and creationTimestamp), name (SOURCE/NAME, which every POOL "
                    + "argument takes back).",
            "With POOL names only those are listed; names not found are reported one error line each after "
                    + "the pools found (exit 1), as kubectl get does. With -l only the pools whose objects' labels "
                    + "match (see pool usage); no match is \"No resources found\" on stderr, exit 0.",
            "AGE is the age of the pool's object as kubectl shows it (a Node's for its podCIDR); -o json/yaml carry "
                    + "its creationTimestamp; --sort-by AGE or .metadata.creationTimestamp orders by it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool list",
            "  ipamctl pool list --source antrea,whereabouts",
            "  ipamctl pool list -o name",
            "  ipamctl pool list -l 'team in (db,web)'",
            "  ipamctl pool list --sort-by .metadata.creationTimestamp   # oldest first, as kubectl",
            "  ipamctl pool list pool-ap node-01"
        })
public final class PoolListCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            arity = "0..*",
            paramLabel = "POOL",
            completionCandidates = LiveName.Pools.class,
            description = "Pools to list (default: all); names as in pool get.")
    List<String> names = new ArrayList<>();

    @Mixin
    SourceOption source;

    @Mixin
    SelectorOption selector;

    @Mixin
    OutputOptions output = OutputOptions.listing();

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "IP pools are cluster-wide (name a Whereabouts pool as NAMESPACE/NAME)";
    }

    @Override
    public Integer call() {
        var only = source.only();
        OutputFormat format = output.format();
        String labels = UsageSelection.labelSelector(selector, names);
        UsageSelection.checkNames(names);
        Session session = IpamctlCommand.session(spec);
        OutputRequest request = output.request(session.environment());
        IpamInventory inventory = IpamInventory.load(
                session.client(), session.cache(), only, labels, IpamInventory.Purpose.USAGE, session::warn);
        UsageSelection.Selected selected = UsageSelection.select(inventory.usages(), names, inventory.sources());
        List<SourceUsage> rows = selected.rows();
        if (rows.isEmpty() && names.isEmpty()) {
            session.err().println(UsageSelection.nothingFound(labels));
        }
        if (UsageSelection.printed(rows, selected.missing(), format)) {
            session.printer().print(PoolViews.list(inventory, rows, session), request);
        }
        return selected.report(session);
    }
}
