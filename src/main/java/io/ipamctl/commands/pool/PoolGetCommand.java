package io.ipamctl.commands.pool;

import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get",
        header = "Show one or more IP pools; -o yaml adds their allocated addresses.",
        description = {
            "POOL is an Antrea IPPool name (cluster-wide, no namespace). Whereabouts pools (NAMESPACE/NAME) and",
            "Node podCIDRs are shown by pool usage.",
            "SUBNET is the network that subnetInfo's gateway and prefix length name; GATEWAY is the gateway.",
            "Output: table (default), wide, json, yaml (schema ipamctl/v1 PoolList), name."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool get pool-ap",
            "  ipamctl pool get pool-db -o yaml"})
public final class PoolGetCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "POOL", description = "Antrea pool names.")
    List<String> names;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE,
                OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);
        PoolNames.checkAntrea("get", names);
        Session session = IpamctlCommand.session(spec);
        var pools = PoolSelection.select(new IpPoolStore(session.client()), names);
        session.printer().print(PoolListCommand.view(pools), format, output.headers());
        return 0;
    }
}
