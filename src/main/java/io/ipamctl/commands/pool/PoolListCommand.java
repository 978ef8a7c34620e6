package io.ipamctl.commands.pool;

import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.SourceUsage;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.sources.IpamInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", aliases = "ls",
        header = "List IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.",
        description = {
            "One row per Antrea IPPool, Whereabouts range and Node podCIDR (or those of --source), as in "
                    + "pool usage. SUBNET is the network the pool's addresses belong to: for an Antrea pool the "
                    + "network that subnetInfo's gateway and prefix length name (gateway 172.16.19.254 with prefix "
                    + "24 is subnet 172.16.19.0/24); GATEWAY is the gateway.",
            "Output: table (default), wide (adds the served API version and SOURCE), json, yaml (schema "
                    + "ipamctl/v1 PoolList, with the allocated addresses), name (SOURCE/NAME, which every POOL "
                    + "argument takes back)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool list",
            "  ipamctl pool list --source antrea,whereabouts",
            "  ipamctl pool list -o name"})
public final class PoolListCommand implements Callable<Integer> {

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
        Session session = IpamctlCommand.session(spec);
        IpamInventory inventory = IpamInventory.load(session.client(), only, IpamInventory.Purpose.USAGE, session::warn);
        List<SourceUsage> rows = inventory.usages();
        if (rows.isEmpty()) {
            session.err().println("No IP pools found.");
        }
        session.printer().print(PoolViews.list(inventory, rows, session::warn), format, output.headers());
        return 0;
    }
}
