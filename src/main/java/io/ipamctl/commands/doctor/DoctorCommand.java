package io.ipamctl.commands.doctor;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.commands.AntreaNamespaceOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.diagnose.Doctor;
import io.ipamctl.health.CheckResult;
import io.ipamctl.health.Checks;
import io.ipamctl.health.Status;
import io.ipamctl.output.DoctorView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.ProgressLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        header =
                "Check that the cluster's IPAM works: Antrea's setup, agents, controller, webhook, Whereabouts, pools, RBAC.",
        description = {
            "Runs these checks at once (all reads in parallel) and reports each as ok, warning or failed, with",
            "what it found and what to do:",
            "  feature-gate        AntreaIPAM is on in antrea-config (agent and controller), with bridging mode",
            "                      where Namespaces are bound to pools",
            "  secondary-networks  NetworkAttachmentDefinitions using Antrea have their gates on and their IPPools",
            "  crds                IPPool, ExternalIPPool, Whereabouts and NAD resources and the versions served",
            "  agents              an Antrea agent Pod is Ready on every Node",
            "  agent-ovs           each agent's antrea-ovs container answers an exec (one per node, bounded)",
            "  controller          the antrea-controller Pod is Ready",
            "  webhook             the IPPool validating webhook is registered and its Service has ready endpoints",
            "  whereabouts         where Whereabouts is used: its ip-control-loop DaemonSet and ip-reconciler",
            "  bindings            Namespaces bound to pools that do not exist or are full",
            "  pool-usage          pools at or above --threshold percent, and full pools",
            "  pool-check          what `ipamctl pool check` finds, summed up",
            "  rbac                which ipamctl commands you may not run (SelfSubjectAccessReviews)",
            "It only reads. Exit code 0 when no check failed (warnings alone too, unless --strict), 3 when one did.",
            "Output: table (default), wide (adds FIX), json, yaml. The json/yaml schema is ipamctl/v1 DoctorReport:",
            "summary {ok, warning, failed} and checks [{name, status, finding, fix}]."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl doctor                               # every check",
            "  ipamctl doctor --check agents --check rbac   # only these",
            "  ipamctl doctor --threshold 80 --strict       # in CI: exit 3 on any warning, pools from 80%% on",
            "  ipamctl doctor -o json | jq '.checks[] | select(.status != \"ok\")'"
        })
public final class DoctorCommand implements Callable<Integer> {

    @Option(
            names = "--check",
            paramLabel = "NAME",
            completionCandidates = Checks.class,
            description = "Run only this check (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> checks = new ArrayList<>();

    @Option(
            names = "--threshold",
            paramLabel = "PCT",
            defaultValue = "90",
            converter = ValueForms.Percent.class,
            description =
                    "Warn about pools this many percent full or more (0-100, default ${DEFAULT-VALUE}); full pools fail.")
    double threshold;

    @Option(names = "--strict", description = "Exit with code 3 on warnings too.")
    boolean strict;

    @Mixin
    AntreaNamespaceOption antrea;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        List<String> chosen = chosen();
        Session session = IpamctlCommand.session(spec);
        Doctor doctor = new Doctor(
                session.client(),
                session.nodeExec(),
                session.requestTimeout(),
                antrea.namespace(),
                antrea.agents(session),
                session::warn);
        List<CheckResult> results;
        try (ProgressLine progress = session.progressLine()) {
            String of = " of " + chosen.size() + " checks done";
            progress.show("doctor: 0" + of);
            results = doctor.run(chosen, threshold, done -> progress.show("doctor: " + done + of));
        }
        session.printer().print(new DoctorView(results), format, output.headers());
        Status worst = results.stream().map(CheckResult::status).reduce(Status.OK, Status::worst);
        return worst == Status.FAILED || (strict && worst == Status.WARNING) ? ExitCode.THRESHOLD : ExitCode.OK;
    }

    /** The checks asked for, in report order; every check when none was named. */
    private List<String> chosen() {
        Set<String> unknown = new LinkedHashSet<>(checks);
        unknown.removeAll(Checks.NAMES);
        if (!unknown.isEmpty()) {
            throw IpamctlException.invalid("unknown check " + String.join(", ", unknown) + "; --check takes one of: "
                    + String.join(", ", Checks.NAMES));
        }
        return checks.isEmpty()
                ? Checks.NAMES
                : Checks.NAMES.stream().filter(checks::contains).toList();
    }
}
