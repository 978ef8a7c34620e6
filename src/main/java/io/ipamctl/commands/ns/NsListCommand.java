package io.ipamctl.commands.ns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NamespaceBinding;
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
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML, OutputFormat.NAME);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        List<BindingView.Row> rows = new ArrayList<>();
        for (NamespaceBinding.Binding b : new NamespaceBinding(session.client()).list()) {
            rows.add(b.usage().map(u -> new BindingView.Row(b.namespace(), b.pool(), u.total(), u.used(), u.free(), u.percent()))
                    .orElseGet(() -> {
                        session.warn("namespace " + b.namespace() + " is bound to pool " + b.pool()
                                + ", which does not exist: its new Pods cannot get addresses");
                        return new BindingView.Row(b.namespace(), b.pool(), null, null, null, null);
                    }));
        }
        if (rows.isEmpty()) {
            session.err().println("No namespaces are bound to pools.");
        }
        session.printer().print(new BindingView(rows), format, output.headers());
        return 0;
    }
}
