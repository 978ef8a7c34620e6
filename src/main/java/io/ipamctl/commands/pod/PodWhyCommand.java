package io.ipamctl.commands.pod;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.AntreaNamespaceOption;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.diagnose.PodWhy;
import io.ipamctl.health.PodDiagnosis;
import io.ipamctl.kube.PodRef;
import io.ipamctl.output.Cell;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.PodWhyView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "why",
        header = "Say why a Pod has no address (or not the one it asked for), and what to do.",
        description = {
            "Reads the Pod, its FailedCreatePodSandBox Events (Antrea's IPAM error texts), its annotations",
            "(ipam.antrea.io/ippools, ipam.antrea.io/pod-ips), its Namespace's binding, the pools named and",
            "their fill, the Antrea agent of its node and the node's podCIDR, and says in one sentence what",
            "is wrong: a pool exhausted (with its fill), the address asked for outside the pool, taken (by",
            "whom) or reserved for a StatefulSet, a pool named that does not exist, mixed families, the",
            "node's podCIDR full, the agent on its node not Ready.",
            "It only reads. Exit code 0 when the Pod has its address (with the address and pool), 3 when a",
            "cause was found, 1 when none could be found (what was checked is listed).",
            "Output: text (default), json, yaml (ipamctl/v1 PodDiagnosis: pod, verdict, cause, finding,",
            "fix, evidence, pool, checked)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pod why ns-ap/web-7c9d           # NAMESPACE/POD",
            "  ipamctl pod why web-7c9d -n ns-ap        # the same",
            "  ipamctl pod why ns-db/db-01 -o json      # verdict and cause for a script"
        })
public final class PodWhyCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "POD",
            completionCandidates = LiveName.Pods.class,
            description = "The Pod: NAMESPACE/NAME, or NAME with -n.")
    String pod;

    @Mixin
    AntreaNamespaceOption antrea;

    @Mixin
    OutputOptions output =
            new OutputOptions(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        PodRef ref = PodRef.parse(pod)
                .orElseThrow(() -> IpamctlException.invalid(
                        "invalid pod \"" + SafeText.printable(pod) + "\": use NAMESPACE/POD, or POD with -n"));
        Session session = IpamctlCommand.session(spec);
        String namespace = PodPinIpCommand.namespaceOf(session, ref);
        PodDiagnosis d =
                new PodWhy(session.client(), antrea.agents(session), session::warn).diagnose(namespace, ref.name());
        PodWhyView view = new PodWhyView(namespace + "/" + ref.name(), d);
        if (format == OutputFormat.TABLE) {
            for (Cell line : view.lines()) {
                session.out().println(session.ansi().paint(SafeText.printable(line.text()), line.style()));
            }
            session.out().flush();
        } else {
            session.printer().print(view, format, output.headers());
        }
        return switch (d.verdict()) {
            case HAS_ADDRESS -> ExitCode.OK;
            case CAUSE_FOUND -> ExitCode.THRESHOLD;
            case NO_CAUSE_FOUND -> ExitCode.ERROR;
        };
    }
}
