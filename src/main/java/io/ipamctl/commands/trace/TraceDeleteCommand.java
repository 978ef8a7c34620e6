package io.ipamctl.commands.trace;

import io.ipamctl.DnsNames;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.DryRunOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.kube.DryRun;
import io.ipamctl.kube.Traceflows;
import io.ipamctl.trace.TraceflowSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "delete",
        header = "Delete Traceflows ipamctl created (kept with --keep, or left behind).",
        description = {
            "Deletes the named Traceflows, or with --all every Traceflow ipamctl created:",
            "only Traceflows with the label app.kubernetes.io/managed-by=ipamctl; naming",
            "one of antctl, the Antrea UI or kubectl is refused. Every name is checked",
            "first: when one is missing or not ipamctl's, nothing is deleted. Prints",
            "traceflow.crd.antrea.io/NAME deleted for each."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl trace delete ipamctl-frontend-to-backend2-x7k2p",
            "  ipamctl trace delete --all",
            "  ipamctl trace delete --all --dry-run"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:deleted (or nothing to delete with --all)",
            "1:a Traceflow was not found, or the server failed",
            "2:bad usage, or a Traceflow that ipamctl did not create (nothing was deleted)"
        })
public final class TraceDeleteCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The Traceflows to delete.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Delete every Traceflow ipamctl created.")
    boolean all;

    @Mixin
    DryRunOption dryRun;

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
        TraceCommand.refuseAPodNamedLikeASubcommand("delete", trace, List.of());
        if (all == !names.isEmpty()) {
            throw IpamctlException.invalid(
                    all
                            ? "give Traceflow names or --all, not both"
                            : "give the Traceflows to delete (see: ipamctl trace list), or --all");
        }
        for (String name : names) {
            if (!DnsNames.isSubdomain(name)) {
                throw IpamctlException.invalid(
                        "invalid Traceflow name \"" + SafeText.printable(name) + "\": must be a DNS-1123 subdomain");
            }
        }
        Session session = IpamctlCommand.session(spec);
        Traceflows traceflows = new Traceflows(session.client());
        List<String> targets = all
                ? traceflows.list().stream().map(TraceflowSummary::name).toList()
                : List.copyOf(new LinkedHashSet<>(names));
        if (targets.isEmpty()) {
            session.err().println("No ipamctl Traceflows found.");
            session.err().flush();
            return ExitCode.OK;
        }
        if (!all) {
            targets.forEach(traceflows::requireOurs); // all or nothing: every name checked before the first delete
        }
        for (String name : targets) {
            if (dryRun.mode().sendsWrites() && !traceflows.delete(name, dryRun.mode() == DryRun.SERVER)) {
                session.warn("Traceflow " + name + " was deleted meanwhile by someone else");
                continue;
            }
            session.out().println("traceflow.crd.antrea.io/" + name + " deleted" + dryRun.suffix());
        }
        session.out().flush();
        return ExitCode.OK;
    }
}
