package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipamctl.IpamctlException;
import io.ipamctl.health.AccessRules;
import io.ipamctl.health.AgentRules;
import io.ipamctl.health.AntreaConfig;
import io.ipamctl.health.AntreaSetupRules;
import io.ipamctl.health.ApiRules;
import io.ipamctl.health.ControllerRules;
import io.ipamctl.health.PodReadiness;
import io.ipamctl.health.WhereaboutsRules;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What `doctor` reads from the API server, turned into the health package's records: each method is one
 * read (or one small group of reads) that a check needs; {@link io.ipamctl.kube.Doctor} runs them in parallel.
 */
public final class DoctorReads {

    static final Map<String, String> CONTROLLER_LABELS = Map.of("app", "antrea", "component", "antrea-controller");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String antreaNamespace;
    private final AntreaAgents agents;

    /** agents: those of antreaNamespace, from the warm server's watch where there is one. */
    public DoctorReads(KubernetesClient client, String antreaNamespace, AntreaAgents agents) {
        this.client = client;
        this.antreaNamespace = antreaNamespace;
        this.agents = agents;
    }

    public String antreaNamespace() {
        return antreaNamespace;
    }

    public AntreaConfig antreaConfig() {
        ConfigMap cm = read(() -> client.configMaps()
                .inNamespace(antreaNamespace)
                .withName(AntreaConfig.NAME)
                .get());
        if (cm == null) {
            return new AntreaConfig(antreaNamespace, false, null, null);
        }
        Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
        return new AntreaConfig(
                antreaNamespace, true, data.get(AntreaConfig.AGENT_KEY), data.get(AntreaConfig.CONTROLLER_KEY));
    }

    /** The resources of {@link ApiRules#ASKED} the server serves. */
    public Set<ApiRules.Api> served() {
        Set<ApiRules.Api> out = new LinkedHashSet<>();
        for (ApiRules.Api api : ApiRules.ASKED) {
            if (ApiDiscovery.serves(client, api.groupVersion(), api.plural())) {
                out.add(api);
            }
        }
        return out;
    }

    public List<String> nodes() {
        return read(() -> client.nodes().list().getItems().stream()
                .map(n -> n.getMetadata().getName())
                .sorted()
                .toList());
    }

    public List<AgentRules.AgentPod> agentPods() {
        return agents.pods();
    }

    /**
     * Asks each node's antrea-ovs whether br-int exists (one exec per node, bounded by timeout, in parallel).
     * No agent at all gives no probe (the agents check says so).
     */
    public List<AgentRules.OvsProbe> ovsProbes(NodeExec exec, Duration timeout) {
        List<AntreaAgents.Lookup> targets;
        try {
            targets = agents.all();
        } catch (IpamctlException e) {
            if (KubeErrors.forbidden(e)) {
                throw e;
            }
            return List.of();
        }
        List<String> argv = List.of("ovs-vsctl", "br-exists", OvsReader.BRIDGE);
        return NodeFanOut.run(targets, agent -> exec.run(agent, argv, timeout)).stream()
                .map(o -> {
                    String pod = o.agent() == null ? null : o.agent().name();
                    if (!o.ok()) {
                        return new AgentRules.OvsProbe(
                                o.node(), pod, o.error(), o.error().contains("forbidden"));
                    }
                    ExecResult r = o.value();
                    String problem = r.ok()
                            ? null
                            : r.exitCode() == 2
                                    ? "bridge " + OvsReader.BRIDGE + " does not exist"
                                    : "ovs-vsctl failed: " + firstLine(r.stderr());
                    return new AgentRules.OvsProbe(o.node(), pod, problem, false);
                })
                .toList();
    }

    public List<ControllerRules.ControllerPod> controllerPods() {
        return read(() -> client.pods()
                        .inNamespace(antreaNamespace)
                        .withLabels(CONTROLLER_LABELS)
                        .list()
                        .getItems())
                .stream()
                .map(p -> new ControllerRules.ControllerPod(
                        p.getMetadata().getName(),
                        p.getSpec() == null ? null : p.getSpec().getNodeName(),
                        notReady(p)))
                .toList();
    }

    /** The validating webhooks whose rules cover ippools of crd.antrea.io, with their Service's state. */
    public List<ControllerRules.Webhook> ippoolWebhooks() {
        List<ControllerRules.Webhook> out = new ArrayList<>();
        List<ValidatingWebhookConfiguration> configs = read(() -> client.admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .list()
                .getItems());
        for (ValidatingWebhookConfiguration c : configs) {
            for (ValidatingWebhook w : c.getWebhooks() == null ? List.<ValidatingWebhook>of() : c.getWebhooks()) {
                if (!coversIpPools(w.getRules())) {
                    continue;
                }
                var svc =
                        w.getClientConfig() == null ? null : w.getClientConfig().getService();
                String policy = w.getFailurePolicy() == null ? "Fail" : w.getFailurePolicy();
                if (svc == null) {
                    out.add(new ControllerRules.Webhook(c.getMetadata().getName(), w.getName(), policy, null, true, 0));
                    continue;
                }
                boolean found = read(() -> client.services()
                                .inNamespace(svc.getNamespace())
                                .withName(svc.getName())
                                .get())
                        != null;
                int ready = found ? readyEndpoints(svc.getNamespace(), svc.getName()) : 0;
                out.add(new ControllerRules.Webhook(
                        c.getMetadata().getName(),
                        w.getName(),
                        policy,
                        svc.getNamespace() + "/" + svc.getName(),
                        found,
                        ready));
            }
        }
        return out;
    }

    private static boolean coversIpPools(List<RuleWithOperations> rules) {
        if (rules == null) {
            return false;
        }
        return rules.stream()
                .anyMatch(r -> matches(r.getApiGroups(), "crd.antrea.io") && matches(r.getResources(), "ippools"));
    }

    private static boolean matches(List<String> values, String wanted) {
        return values != null && (values.contains(wanted) || values.contains("*"));
    }

    private int readyEndpoints(String namespace, String service) {
        List<EndpointSlice> slices = read(() -> client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service)
                .list()
                .getItems());
        int ready = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                // an unset ready means ready (discovery.k8s.io/v1)
                if (e.getConditions() == null
                        || !Boolean.FALSE.equals(e.getConditions().getReady())) {
                    ready++;
                }
            }
        }
        return ready;
    }

    /**
     * The NetworkAttachmentDefinitions whose config uses Antrea (CNI type or IPAM type antrea); empty when
     * they are not served.
     */
    public List<AntreaSetupRules.SecondaryNetwork> antreaNetworks() {
        List<AntreaSetupRules.SecondaryNetwork> out = new ArrayList<>();
        for (Nad nad : nads()) {
            JsonNode root = nad.config();
            List<JsonNode> plugins = new ArrayList<>();
            plugins.add(root);
            root.path("plugins").forEach(plugins::add);
            boolean cni = plugins.stream()
                    .anyMatch(p -> "antrea".equals(p.path("type").asText()));
            Optional<JsonNode> ipam = plugins.stream()
                    .map(p -> p.path("ipam"))
                    .filter(i -> "antrea".equals(i.path("type").asText()))
                    .findFirst();
            if (!cni && ipam.isEmpty()) {
                continue;
            }
            List<String> pools = new ArrayList<>();
            ipam.ifPresent(i -> i.path("ippools").forEach(p -> pools.add(p.asText())));
            out.add(new AntreaSetupRules.SecondaryNetwork(nad.name(), cni, ipam.isPresent(), pools));
        }
        return out;
    }

    /** Whether a NetworkAttachmentDefinition's IPAM is Whereabouts. */
    public boolean whereaboutsNetworks() {
        return nads().stream().anyMatch(n -> {
            JsonNode root = n.config();
            if ("whereabouts".equals(root.path("ipam").path("type").asText())) {
                return true;
            }
            for (JsonNode p : root.path("plugins")) {
                if ("whereabouts".equals(p.path("ipam").path("type").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether any Whereabouts IPPool exists. */
    public boolean whereaboutsPools() {
        return !read(() -> client.genericKubernetesResources(WhereaboutsStore.IPPOOLS)
                        .inAnyNamespace()
                        .list()
                        .getItems())
                .isEmpty();
    }

    private record Nad(String name, JsonNode config) {}

    private List<Nad> nads() {
        if (!ApiDiscovery.serves(client, ApiRules.NADS.groupVersion(), ApiRules.NADS.plural())) {
            return List.of();
        }
        List<Nad> out = new ArrayList<>();
        for (GenericKubernetesResource r : read(() -> client.genericKubernetesResources(WhereaboutsStore.NADS)
                .inAnyNamespace()
                .list()
                .getItems())) {
            Object spec = r.getAdditionalProperties().get("spec");
            Object config = spec instanceof Map<?, ?> m ? m.get("config") : null;
            JsonNode root;
            try {
                root = config instanceof String s ? JSON.readTree(s) : null;
            } catch (IOException e) {
                root = null;
            }
            if (root != null && root.isObject()) {
                out.add(new Nad(
                        r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), root));
            }
        }
        out.sort(Comparator.comparing(Nad::name));
        return out;
    }

    /** DaemonSets, Deployments and CronJobs in any namespace whose containers run the named program. */
    public List<WhereaboutsRules.Workload> workloadsRunning(String program) {
        List<WhereaboutsRules.Workload> out = new ArrayList<>();
        read(() -> client.apps().daemonSets().inAnyNamespace().list().getItems())
                .forEach(d -> {
                    if (runs(d.getSpec().getTemplate().getSpec(), program)) {
                        var s = d.getStatus();
                        out.add(new WhereaboutsRules.Workload(
                                "DaemonSet",
                                d.getMetadata().getNamespace(),
                                d.getMetadata().getName(),
                                s == null || s.getDesiredNumberScheduled() == null ? 0 : s.getDesiredNumberScheduled(),
                                s == null || s.getNumberReady() == null ? 0 : s.getNumberReady()));
                    }
                });
        read(() -> client.apps().deployments().inAnyNamespace().list().getItems())
                .forEach(d -> {
                    if (runs(d.getSpec().getTemplate().getSpec(), program)) {
                        var s = d.getStatus();
                        out.add(new WhereaboutsRules.Workload(
                                "Deployment",
                                d.getMetadata().getNamespace(),
                                d.getMetadata().getName(),
                                d.getSpec().getReplicas() == null
                                        ? 1
                                        : d.getSpec().getReplicas(),
                                s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas()));
                    }
                });
        read(() -> client.batch().v1().cronjobs().inAnyNamespace().list().getItems())
                .forEach(c -> {
                    if (runs(
                            c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), program)) {
                        boolean suspended = Boolean.TRUE.equals(c.getSpec().getSuspend());
                        out.add(new WhereaboutsRules.Workload(
                                "CronJob",
                                c.getMetadata().getNamespace(),
                                c.getMetadata().getName(),
                                1,
                                suspended ? 0 : 1));
                    }
                });
        return out;
    }

    private static boolean runs(PodSpec spec, String program) {
        if (spec == null || spec.getContainers() == null) {
            return false;
        }
        for (Container c : spec.getContainers()) {
            List<String> words = new ArrayList<>();
            if (c.getCommand() != null) {
                words.addAll(c.getCommand());
            }
            if (c.getArgs() != null) {
                words.addAll(c.getArgs());
            }
            if (words.stream().anyMatch(w -> w.contains(program))) {
                return true;
            }
        }
        return false;
    }

    /** One SelfSubjectAccessReview: may the current user do this? */
    public boolean allowed(AccessRules.Permission p) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withVerb(p.verb())
                        .withGroup(p.group())
                        .withResource(p.resource())
                        .withSubresource(p.subresource().isEmpty() ? null : p.subresource())
                        .withNamespace(p.namespace().isEmpty() ? null : p.namespace())
                        .build())
                .endSpec()
                .build();
        SelfSubjectAccessReview answer =
                read(() -> client.authorization().v1().selfSubjectAccessReview().create(review));
        return answer != null
                && answer.getStatus() != null
                && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /** Why a Pod is not Ready, or null when it is. */
    static String notReady(Pod p) {
        var status = p.getStatus();
        if (status == null) {
            return PodReadiness.notReady(null, Map.of(), null, null);
        }
        Map<String, Boolean> ready = new LinkedHashMap<>();
        if (status.getContainerStatuses() != null) {
            status.getContainerStatuses().forEach(c -> ready.put(c.getName(), c.getReady()));
        }
        Optional<PodCondition> condition = status.getConditions() == null
                ? Optional.empty()
                : status.getConditions().stream()
                        .filter(c -> "Ready".equals(c.getType()))
                        .findFirst();
        return PodReadiness.notReady(
                status.getPhase(),
                ready,
                condition.map(PodCondition::getStatus).orElse(null),
                condition.map(PodCondition::getReason).orElse(null));
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.isEmpty() ? "no message" : line;
    }

    private <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }
}
