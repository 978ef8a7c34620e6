package io.ipamctl.commands.pod;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.DryRun;
import io.ipamctl.commands.DurationConverter;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.Annotations;
import io.ipamctl.kube.ManifestDocument;
import io.ipamctl.kube.PodPinning;
import io.ipamctl.kube.PodRef;
import io.ipamctl.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pin-ip",
        header = "Give a Pod a fixed IP from a pool (ipam.antrea.io/ippools + ipam.antrea.io/pod-ips).",
        synopsisHeading = "Usage: ",
        customSynopsis = {
            "ipamctl pod pin-ip POD IP [--pool IPPOOL] [--recreate] [-n NAMESPACE] [--dry-run[=MODE]] [-o FORMAT]",
            "       ipamctl pod pin-ip -f FILE [POD] IP [--pool IPPOOL] [--dry-run[=MODE]] [-o FORMAT]"},
        description = {
            "Checks, before changing anything: the address is inside the pool's ranges, is not its gateway",
            "or a reserved address, is not allocated to another owner and not used by another Pod. The",
            "pool defaults to the one of the address's family bound to the Pod or its namespace.",
            "Antrea reads the annotations only when a Pod is created, so:",
            "  -f FILE     adds the annotations to a Pod manifest and creates it;",
            "  --recreate  deletes a running stand-alone Pod and creates it again with the same spec plus",
            "              the annotations, then waits until it runs with that IP. The original manifest",
            "              is saved first and its path printed, so an interrupted re-create can be finished.",
            "Pods managed by a controller (Deployment, StatefulSet, ...) are refused: the controller would",
            "replace them without the pin.",
            "When another client pins the same address at the same moment, the Pod the server stored first",
            "keeps it; the other is deleted again (--recreate: its original is created again) and that run",
            "fails naming the winner (exit 1)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pod pin-ip db-02 172.16.20.50 -n ns-db --pool pool-db --recreate",
            "  ipamctl pod pin-ip -f db-03.yaml 172.16.20.33 --pool pool-db",
            "  ipamctl pod pin-ip -f db-03.yaml 172.16.20.33 --pool pool-db --dry-run=client -o yaml"})
public final class PodPinIpCommand implements Callable<Integer> {

    @Parameters(arity = "1..2", paramLabel = "POD IP", description = "The Pod (NAME with -n, or NAMESPACE/NAME; omit with -f) and the address.")
    List<String> args;

    @Option(names = "--pool", paramLabel = "IPPOOL", description = "The Antrea IPPool (default: the one bound to the Pod or namespace).")
    String pool;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Create the Pod of this manifest (- for stdin) with the address pinned.")
    String file;

    @Option(names = "--recreate", description = "Delete and re-create an existing stand-alone Pod with the address pinned.")
    boolean recreate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for a deleted Pod to be gone and for a re-created Pod to run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    DryRun dryRun;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format(null, OutputFormat.YAML, OutputFormat.JSON, OutputFormat.NAME);
        String podName;
        String ipText;
        if (args.size() == 2) {
            podName = args.get(0);
            ipText = args.get(1);
        } else if (file != null) {
            podName = null;
            ipText = args.get(0);
        } else {
            throw IpamctlException.invalid("both POD and IP are required: ipamctl pod pin-ip POD IP (or -f FILE IP)");
        }
        if (file != null && recreate) {
            throw IpamctlException.invalid("--recreate works on an existing Pod; -f creates a new one: use one of them");
        }
        String podNamespace = null;
        if (podName != null && podName.contains("/")) {
            // NAMESPACE/POD, as trace and ovs --pod take it
            String given = podName;
            PodRef ref = PodRef.parse(given).orElseThrow(() -> IpamctlException.invalid("invalid pod \""
                    + SafeText.printable(given) + "\": use NAMESPACE/POD, or POD with -n"));
            podNamespace = ref.namespace();
            podName = ref.name();
        }
        IpAddress ip = PodPinning.checkInput(podName, ipText);
        Session session = IpamctlCommand.session(spec);
        String namespace = namespaceOf(session, podNamespace);
        PodPinning pinning = new PodPinning(session.client());
        return file != null ? fromFile(session, pinning, podName, podNamespace, ip, format)
                : existing(session, pinning, podName, namespace, ip, format);
    }

    /** The namespace of NAMESPACE/POD, of -n, or the context's; refused when the first two disagree. */
    private static String namespaceOf(Session session, String podNamespace) {
        String flag = session.explicitNamespace();
        if (podNamespace != null && flag != null && !flag.equals(podNamespace)) {
            throw IpamctlException.invalid("the Pod is given in namespace " + podNamespace + " but -n says " + flag
                    + ": give the namespace once");
        }
        return podNamespace != null ? podNamespace : session.namespace();
    }

    private int fromFile(Session session, PodPinning pinning, String podName, String podNamespace, IpAddress ip,
                         OutputFormat format) {
        JsonNode doc = ManifestDocument.read(file, session.environment().cwd(), session.environment().stdin());
        if (!"Pod".equals(doc.path("kind").asText()) || !"v1".equals(doc.path("apiVersion").asText())) {
            throw IpamctlException.invalid(SafeText.printable(file) + " holds " + SafeText.printable(doc.path("apiVersion").asText())
                    + " " + SafeText.printable(doc.path("kind").asText()) + "; expected a v1 Pod");
        }
        Pod pod;
        try {
            pod = Serialization.unmarshal(doc.toString(), Pod.class);
        } catch (RuntimeException e) {
            throw IpamctlException.invalid(SafeText.printable(file) + " is not a valid Pod: " + e.getMessage());
        }
        if (pod.getMetadata() == null || pod.getMetadata().getName() == null) {
            throw IpamctlException.invalid(SafeText.printable(file) + " has no metadata.name");
        }
        if (podName != null && !podName.equals(pod.getMetadata().getName())) {
            throw IpamctlException.invalid("POD " + podName + " differs from metadata.name " + pod.getMetadata().getName());
        }
        PodPinning.checkInput(pod.getMetadata().getName(), ip.toString());
        String ns = pod.getMetadata().getNamespace();
        String given = podNamespace != null ? podNamespace : session.explicitNamespace();
        if (ns == null) {
            pod.getMetadata().setNamespace(namespaceOf(session, podNamespace));
        } else if (given != null && !given.equals(ns)) {
            throw IpamctlException.invalid("the manifest's namespace " + ns + " differs from "
                    + (podNamespace != null ? podNamespace + "/" + podName : "-n " + given));
        }
        if (pinning.find(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).isPresent()) {
            throw IpamctlException.failed("pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                    + " already exists; use: ipamctl pod pin-ip " + pod.getMetadata().getName() + " " + ip + " --recreate");
        }
        PodPinning.Plan plan = pinning.plan(pod, ip, pool);
        Pod annotated = PodPinning.annotated(pod, plan);
        Pod shown = dryRun.isClient() ? annotated : pinning.create(annotated, dryRun.isServer());
        if (!dryRun.isClient() && !dryRun.isServer()) {
            pinning.requireFirst(shown, plan, timeout, null, null);
        }
        print(session, shown, format, "pod/" + plan.pod() + " created with " + ip + " pinned from pool " + plan.pool()
                + dryRun.suffix());
        return ExitCode.OK;
    }

    private int existing(Session session, PodPinning pinning, String podName, String ns, IpAddress ip,
                         OutputFormat format) {
        Pod pod = pinning.find(ns, podName).orElseThrow(() -> IpamctlException.failed("pod " + podName
                + " not found in namespace " + ns + " (to create a new Pod with a pinned address, use -f FILE)"));
        PodPinning.requireStandalone(pod);
        PodPinning.Plan plan = pinning.plan(pod, ip, pool);
        var annotations = pod.getMetadata().getAnnotations();
        boolean pinned = annotations != null && plan.podIpsAnnotation().equals(annotations.get(Annotations.POD_IPS))
                && plan.poolsAnnotation().equals(annotations.get(Annotations.IPPOOLS));
        if (pinned && pod.getStatus() != null && ip.toString().equals(pod.getStatus().getPodIP())) {
            session.out().println("pod/" + podName + " already runs with " + ip + " pinned from pool " + plan.pool() + " (unchanged)");
            session.out().flush();
            return ExitCode.OK;
        }
        Pod annotated = PodPinning.annotated(pod, plan);
        if (dryRun.isClient()) {
            print(session, annotated, format, "pod/" + podName + " re-created with " + ip + " pinned from pool "
                    + plan.pool() + " (dry run)");
            return ExitCode.OK;
        }
        if (!recreate) {
            throw IpamctlException.invalid("pod " + ns + "/" + podName + " exists, and Antrea assigns addresses only when a Pod is "
                    + "created; pass --recreate to delete it and create it again with " + ip + " from pool " + plan.pool()
                    + " (see the new manifest with --dry-run=client -o yaml)");
        }
        if (dryRun.isServer()) {
            print(session, pinning.create(withoutName(annotated), true), format, "pod/" + podName
                    + " re-created with " + ip + " pinned from pool " + plan.pool() + " (server dry run)");
            return ExitCode.OK;
        }
        var saved = PodPinning.saveManifest(pod, session.environment().stateDir().resolve("recreate"));
        session.err().println("saved the original manifest of pod " + ns + "/" + podName + " to " + saved);
        session.err().flush();
        pinning.delete(pod, timeout);
        pinning.requireFirst(pinning.create(annotated, false), plan, timeout, pod, saved);
        Pod running = pinning.awaitRunning(plan, timeout);
        String got = running.getStatus().getPodIP();
        if (!ip.toString().equals(got)) {
            throw IpamctlException.failed("pod " + ns + "/" + podName + " was re-created but " + (got == null
                    ? "has no address: " + PodPinning.describe(running) : "got " + got + " instead of " + ip)
                    + " (original manifest: " + saved + ")");
        }
        print(session, running, format, "pod/" + podName + " re-created with " + ip + " pinned from pool " + plan.pool()
                + (running.getSpec().getNodeName() == null ? "" : " on " + running.getSpec().getNodeName()));
        return ExitCode.OK;
    }

    /** A server dry-run create of an existing name would conflict; the server checks a renamed copy. */
    private static Pod withoutName(Pod pod) {
        Pod copy = Serialization.clone(pod);
        copy.getMetadata().setGenerateName(pod.getMetadata().getName() + "-");
        copy.getMetadata().setName(null);
        return copy;
    }

    private static void print(Session session, Pod pod, OutputFormat format, String line) {
        session.printer().printChange(line, "pod/" + pod.getMetadata().getName(), pod, format);
    }
}
