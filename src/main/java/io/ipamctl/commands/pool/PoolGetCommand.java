package io.ipamctl.commands.pool;

import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.sources.IpamInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get",
        header = "Show one or more IP pools of any source; -o yaml adds their allocated addresses.",
        description = {
            "POOL names an Antrea pool, a Whereabouts pool (NAME or NAMESPACE/NAME) or a node, or any of "
                    + "them as SOURCE/NAME the way -o name prints it (antrea/pool-ap, "
                    + "whereabouts/kube-system/192.168.20.0-24, node/node-01). kubectl's TYPE/NAME (ippool/pool-ap) "
                    + "is refused with the name to write instead.",
            "SUBNET is the network the pool's addresses belong to (for an Antrea pool, the network that "
                    + "subnetInfo's gateway and prefix length name); GATEWAY is the gateway.",
            "Output: table (default), wide, json, yaml (schema ipamctl/v1 PoolList), name."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool get pool-ap",
            "  ipamctl pool get pool-db -o yaml",
            "  ipamctl pool get node-01 kube-system/192.168.20.0-24"})
public final class PoolGetCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "POOL", completionCandidates = LiveName.Pools.class, description = "Pool names.")
    List<String> names;

    @Mixin
    SourceOption source;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var only = source.only();
        OutputFormat format = output.format();
        UsageSelection.checkNames(names);
        Session session = IpamctlCommand.session(spec);
        IpamInventory inventory = IpamInventory.load(session.client(), only, IpamInventory.Purpose.USAGE, session::warn);
        List<SourceUsage> rows = UsageSelection.select(inventory.usages(), names, inventory.sources());
        session.printer().print(PoolViews.list(inventory, rows, session::warn), format, output.headers());
        return 0;
    }
}
