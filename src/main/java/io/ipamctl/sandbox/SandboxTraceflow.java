package io.ipamctl.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.kube.crd.v1beta1.Traceflow;
import io.ipamctl.kube.crd.v1beta1.TraceflowStatus;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.Results;
import io.ipamctl.kube.crd.v1beta1.traceflowstatus.results.Observations;

/**
 * SANDBOX ONLY: a stand-in for Antrea's Traceflow controller and agents, so that `--sandbox trace`
 * shows a path. It knows no NetworkPolicies, Services or Egresses: a packet between Pods of the
 * seed scenario is delivered (through the tunnel between nodes), one to an address outside every
 * node's Pod CIDR leaves the cluster. Observations are written the way Antrea's agents write them.
 */
final class SandboxTraceflow {

    private final KubernetesClient client;
    private SharedIndexInformer<Traceflow> informer;

    SandboxTraceflow(KubernetesClient client) {
        this.client = client;
    }

    void start() {
        informer = client.resources(Traceflow.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Traceflow tf) {
                if (tf.getStatus() == null || tf.getStatus().getPhase() == null) {
                    answer(tf);
                }
            }

            @Override
            public void onUpdate(Traceflow oldTf, Traceflow newTf) {
                // only new Traceflows are answered
            }

            @Override
            public void onDelete(Traceflow tf, boolean unknownFinalState) {
                // nothing is held per Traceflow
            }
        });
    }

    void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    private void answer(Traceflow tf) {
        try {
            TraceflowStatus status = new TraceflowStatus();
            status.setPhase("Running");
            status.setStartTime(Instant.now().toString());
            status.setDataplaneTag(7L);
            tf.setStatus(status);
            tf = client.resources(Traceflow.class).resource(tf).updateStatus();
            trace(tf, tf.getStatus());
            client.resources(Traceflow.class).resource(tf).updateStatus();
        } catch (KubernetesClientException gone) {
            // deleted meanwhile: nothing to answer
        }
    }

    private void trace(Traceflow tf, TraceflowStatus status) {
        var spec = tf.getSpec();
        Pod src = spec.getSource() == null ? null : pod(spec.getSource().getNamespace(), spec.getSource().getPod());
        if (src == null || src.getStatus() == null || src.getStatus().getPodIP() == null) {
            fail(status, "Invalid Traceflow request, err: source Pod not found or without an IP (sandbox)");
            return;
        }
        var d = spec.getDestination();
        Pod dst;
        if (d.getService() != null) {
            fail(status, "the sandbox does not simulate Services; trace to a Pod instead");
            return;
        }
        if (d.getPod() != null) {
            dst = pod(d.getNamespace(), d.getPod());
        } else {
            dst = podWithIp(d.getIp()).orElse(null);
        }
        String srcNode = src.getSpec().getNodeName();
        long now = Instant.now().getEpochSecond();
        List<Observations> sender = new ArrayList<>();
        Observations spoofGuard = observation("SpoofGuard", null, "Forwarded");
        spoofGuard.setSrcPodIP(src.getStatus().getPodIP());
        sender.add(spoofGuard);
        List<Results> results = new ArrayList<>();
        if (dst == null && d.getIp() != null && !inPodCidr(d.getIp())) {
            sender.add(observation("Forwarding", "Output", "ForwardedOutOfNetwork"));
            results.add(result(srcNode, now, sender));
        } else if (dst == null || dst.getSpec() == null || dst.getSpec().getNodeName() == null) {
            fail(status, "Invalid Traceflow request, err: destination not found (sandbox)");
            return;
        } else if (dst.getSpec().getNodeName().equals(srcNode)) {
            sender.add(observation("Forwarding", "Output", "Delivered"));
            results.add(result(srcNode, now, sender));
        } else {
            Observations out = observation("Forwarding", "Output", "Forwarded");
            out.setTunnelDstIP(nodeIp(dst.getSpec().getNodeName()).orElse(null));
            sender.add(out);
            results.add(result(srcNode, now, sender));
            results.add(result(dst.getSpec().getNodeName(), now, List.of(observation("Forwarding", null, "Received"),
                    observation("Forwarding", "Output", "Delivered"))));
        }
        status.setResults(results);
        status.setPhase("Succeeded");
    }

    private static void fail(TraceflowStatus status, String reason) {
        status.setPhase("Failed");
        status.setReason(reason);
    }

    private Pod pod(String namespace, String name) {
        return namespace == null || name == null ? null : client.pods().inNamespace(namespace).withName(name).get();
    }

    private Optional<Pod> podWithIp(String ip) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getStatus() != null && ip.equals(p.getStatus().getPodIP())
                        && !Boolean.TRUE.equals(p.getSpec().getHostNetwork()))
                .findFirst();
    }

    private boolean inPodCidr(String ip) {
        Optional<IpAddress> address = IpAddress.tryParse(ip);
        return address.isPresent() && client.nodes().list().getItems().stream()
                .map(n -> n.getSpec() == null ? null : n.getSpec().getPodCIDR())
                .filter(c -> c != null)
                .anyMatch(c -> Cidr.parse(c).contains(address.get()));
    }

    private Optional<String> nodeIp(String name) {
        Node node = client.nodes().withName(name).get();
        if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst();
    }

    private static Observations observation(String component, String info, String action) {
        Observations o = new Observations();
        o.setComponent(component);
        o.setComponentInfo(info);
        o.setAction(action);
        return o;
    }

    private static Results result(String node, long timestamp, List<Observations> observations) {
        Results r = new Results();
        r.setNode(node);
        r.setTimestamp(timestamp);
        r.setObservations(observations);
        return r;
    }
}
