package io.ipamctl.commands.trace;

import io.ipamctl.ExitCode;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.Traceflows;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.OutputRequest;
import io.ipamctl.output.TraceflowListView;
import io.ipamctl.trace.TraceflowSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        aliases = "ls",
        header = "List the Traceflows ipamctl created that still exist (kept with --keep, or left behind).",
        description = {
            "Only Traceflows with the label app.kubernetes.io/managed-by=ipamctl, which",
            "trace puts on every Traceflow it creates; those of antctl, the Antrea UI or",
            "kubectl are not shown. Output: table (default), wide (adds PROTOCOL, LIVE),",
            "json, yaml (ipamctl/v1 TraceflowList), name. When there is none:",
            "'No ipamctl Traceflows found.' on stderr, exit 0.",
            "To trace from a Pod named list, write it with its namespace: default/list."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl trace list",
            "  ipamctl trace list -o name | xargs -r ipamctl trace delete  # -r: no delete when none is listed"
        })
public final class TraceListCommand implements Callable<Integer>, ClusterScoped {

    /** Caught only to say what went wrong: `trace list backend1` meant a Pod named list. */
    @Parameters(hidden = true, arity = "0..*")
    List<String> unexpected = new ArrayList<>();

    @Mixin
    OutputOptions output = OutputOptions.listing();

    @ParentCommand
    TraceCommand trace;

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "Traceflows are cluster-scoped";
    }

    @Override
    public Integer call() {
        TraceCommand.refuseAPodNamedLikeASubcommand("list", trace, unexpected);
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        OutputRequest request = output.request(session.environment());
        List<TraceflowSummary> traceflows = new Traceflows(session.client()).list();
        if (traceflows.isEmpty() && (format == OutputFormat.TABLE || format == OutputFormat.WIDE)) {
            session.err().println("No ipamctl Traceflows found.");
            session.err().flush();
            return ExitCode.OK;
        }
        session.printer()
                .print(new TraceflowListView(traceflows, session.environment().now()), request);
        return ExitCode.OK;
    }
}
