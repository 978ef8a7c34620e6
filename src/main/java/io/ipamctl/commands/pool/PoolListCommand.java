package io.ipamctl.commands.pool;

import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PoolRecord;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.PoolListView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", aliases = "ls",
        header = "List Antrea IP pools: ranges, subnet, gateway, VLAN, total and used addresses.",
        description = {
            "SUBNET is the network that subnetInfo's gateway and prefix length name (gateway 172.16.19.254 with",
            "prefix 24 is subnet 172.16.19.0/24); GATEWAY is the gateway.",
            "Output: table (default), wide (adds the served API version), json, yaml (schema ipamctl/v1 PoolList), name."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool list",
            "  ipamctl pool list -o name"})
public final class PoolListCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE,
                OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);
        Session session = IpamctlCommand.session(spec);
        List<PoolRecord> pools = new IpPoolStore(session.client()).list();
        if (pools.isEmpty()) {
            session.err().println("No IP pools found.");
        }
        session.printer().print(view(pools), format, output.headers());
        return 0;
    }

    static PoolListView view(List<PoolRecord> pools) {
        return new PoolListView(pools.stream()
                .map(p -> new PoolListView.Pool(p.definition(), p.apiVersion(), p.allocations())).toList());
    }
}
