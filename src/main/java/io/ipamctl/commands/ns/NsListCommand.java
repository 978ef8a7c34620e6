package io.ipamctl.commands.ns;

import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.SelectorOption;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.NamespaceBinding;
import io.ipamctl.output.BindingView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        aliases = "ls",
        header = "List namespaces bound to pools, with each pool's usage.",
        description = {
            "Every namespace bound to a pool, or with -n NAMESPACE that one only (-A, the default, lists all); "
                    + "-l lists those of the namespaces whose labels match.",
            "Output: table (default), json, yaml (schema ipamctl/v1 NamespaceBindingList), name, jsonpath=, "
                    + "custom-columns= (over the json items)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ns list",
            "  ipamctl ns list -n ns-db",
            "  ipamctl ns list -l team=db",
            "  ipamctl ns list -o custom-columns=NS:.namespace,POOL:.pool --sort-by .namespace"
        })
public final class NsListCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE,
            OutputFormat.TABLE,
            OutputFormat.JSON,
            OutputFormat.YAML,
            OutputFormat.NAME,
            OutputFormat.JSONPATH,
            OutputFormat.JSONPATH_FILE,
            OutputFormat.CUSTOM_COLUMNS,
            OutputFormat.CUSTOM_COLUMNS_FILE);

    @Mixin
    SelectorOption selector;

    @Option(
            names = {"-A", "--all-namespaces"},
            description = "Every namespace's binding, whatever -n says (the default without -n).")
    boolean allNamespaces;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        String labels = selector.selector();
        Session session = IpamctlCommand.session(spec);
        OutputRequest request = output.request(session.environment());
        String only = allNamespaces ? null : session.explicitNamespace();
        List<BindingView.Row> rows = new ArrayList<>();
        for (NamespaceBinding.Binding b : new NamespaceBinding(session.client(), session.cache()).list(labels)) {
            if (only != null && !only.equals(b.namespace())) {
                continue; // -n: that namespace's binding only, as kubectl get -n
            }
            rows.add(b.usage()
                    .map(u -> new BindingView.Row(b.namespace(), b.pool(), u.total(), u.used(), u.free(), u.percent()))
                    .orElseGet(() -> {
                        session.warn("namespace " + b.namespace() + " is bound to pool " + b.pool()
                                + ", which does not exist: its new Pods cannot get addresses");
                        return new BindingView.Row(b.namespace(), b.pool(), null, null, null, null);
                    }));
        }
        if (rows.isEmpty()) {
            session.err()
                    .println(
                            only != null
                                    ? "Namespace " + only + " is bound to no pool."
                                    : labels != null ? "No resources found" : "No namespaces are bound to pools.");
            if (format == OutputFormat.TABLE) {
                return 0; // as kubectl, never a table of headers alone; a document (-o json) is printed empty
            }
        }
        session.printer().print(new BindingView(rows), request);
        return 0;
    }
}
