package io.ipamctl.commands.ns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Namespace;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.PoolUsage;
import io.ipamctl.kube.Annotations;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.NamespaceStore;
import io.ipamctl.kube.PoolRecord;
import io.ipamctl.output.BindingView;
import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", aliases = "ls",
        header = "List namespaces bound to pools, with each pool's usage.",
        description = "Output: table (default), json, yaml (schema ipamctl/v1 NamespaceBindingList), name.",
        footerHeading = "%nExamples:%n",
        footer = "  ipamctl ns list")
public final class NsListCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON,
                OutputFormat.YAML, OutputFormat.NAME);
        Session session = IpamctlCommand.session(spec);
        List<Namespace> bound = new NamespaceStore(session.client()).bound();
        Map<String, PoolRecord> pools = bound.isEmpty() ? Map.of()
                : new IpPoolStore(session.client()).list(IpPoolStore.Detail.ADDRESSES).stream()
                .collect(Collectors.toMap(PoolRecord::name, Function.identity()));
        List<BindingView.Row> rows = new ArrayList<>();
        for (Namespace ns : bound) {
            for (String name : Annotations.pools(NamespaceStore.annotation(ns, Annotations.IPPOOLS))) {
                PoolRecord p = pools.get(name);
                if (p == null) {
                    rows.add(new BindingView.Row(ns.getMetadata().getName(), name, null, null, null, null));
                    session.warn("namespace " + ns.getMetadata().getName() + " is bound to pool " + name
                            + ", which does not exist: its new Pods cannot get addresses");
                    continue;
                }
                PoolUsage u = PoolUsage.of(p.definition(), p.allocations(), p.reportedUsed(), p.reportedTotal());
                rows.add(new BindingView.Row(ns.getMetadata().getName(), name, u.total(), u.used(), u.free(), u.percent()));
            }
        }
        if (rows.isEmpty()) {
            session.err().println("No namespaces are bound to pools.");
        }
        session.printer().print(new BindingView(rows), format, output.headers());
        return 0;
    }
}
