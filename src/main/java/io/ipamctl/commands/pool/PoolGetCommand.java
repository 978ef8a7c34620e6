package io.ipamctl.commands.pool;

import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.sources.IpamInventory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "get",
        header = "Show one or more IP pools of any source; -o yaml adds their allocated addresses.",
        description = {
            "POOL names an Antrea pool, a Whereabouts pool (NAME or NAMESPACE/NAME) or a node, or any of "
                    + "them as SOURCE/NAME the way -o name prints it (antrea/pool-ap, "
                    + "whereabouts/kube-system/192.168.20.0-24, node/node-01). kubectl's TYPE/NAME (ippool/pool-ap) "
                    + "is refused with the name to write instead.",
            "When some names are found and others not, the found pools are shown and then one error line per "
                    + "missing name (exit 1), as kubectl get does.",
            "SUBNET is the network the pool's addresses belong to (for an Antrea pool, the network that "
                    + "subnetInfo's gateway and prefix length name); GATEWAY is the gateway.",
            "Output: table (default), wide, json, yaml (schema ipamctl/v1 PoolList), name."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool get pool-ap",
            "  ipamctl pool get pool-db -o yaml",
            "  ipamctl pool get node-01 kube-system/192.168.20.0-24"
        })
public final class PoolGetCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(
            arity = "1..*",
            paramLabel = "POOL",
            completionCandidates = LiveName.Pools.class,
            description = "Pool names.")
    List<String> names;

    @Mixin
    SourceOption source;

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
        output.format();
        UsageSelection.checkNames(names);
        Session session = IpamctlCommand.session(spec);
        OutputRequest request = output.request(session.environment());
        IpamInventory inventory =
                IpamInventory.load(session.client(), session.cache(), only, IpamInventory.Purpose.USAGE, session::warn);
        UsageSelection.Selected selected = UsageSelection.select(inventory.usages(), names, inventory.sources());
        if (!selected.rows().isEmpty()) {
            session.printer().print(PoolViews.list(inventory, selected.rows(), session), request);
        }
        return selected.report(session);
    }
}
