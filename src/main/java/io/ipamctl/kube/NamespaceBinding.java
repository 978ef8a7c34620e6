package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.DnsNames;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.PoolValidator;

/** Binds a Namespace to pools (the ipam.antrea.io/ippools annotation) and unbinds it. */
public final class NamespaceBinding {

    /** What a bind or unbind did. previous is null when there was no binding. */
    public record Outcome(String namespace, String previous, String current, boolean changed, int pods) {
    }

    /** Whether the change is written: for real, checked by the server and not stored, or not sent at all. */
    public enum Write { APPLY, SERVER_DRY_RUN, CLIENT_DRY_RUN }

    private final KubernetesClient client;
    private final NamespaceStore namespaces;
    private final IpPoolStore pools;

    public NamespaceBinding(KubernetesClient client) {
        this.client = client;
        this.namespaces = new NamespaceStore(client);
        this.pools = new IpPoolStore(client);
    }

    public static void checkNamespaceName(String name) {
        if (!DnsNames.isLabel(name)) {
            throw IpamctlException.invalid("invalid namespace name \"" + SafeText.printable(name)
                    + "\": must be a DNS-1123 label (lower case letters, digits and '-', at most 63 characters)");
        }
    }

    /** Input checks that need no server: names, at most one pool per family. */
    public static void checkInput(String namespace, List<String> poolNames) {
        checkNamespaceName(namespace);
        List<String> problems = new ArrayList<>();
        for (String p : poolNames) {
            problems.addAll(PoolValidator.validateName(p));
        }
        if (poolNames.size() == 2 && poolNames.get(0).equals(poolNames.get(1))) {
            problems.add("the same pool is named twice; pass one IPv4 pool and optionally one IPv6 pool");
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
    }

    public Outcome bind(String namespace, List<String> poolNames, boolean overwrite, Write write) {
        checkInput(namespace, poolNames);
        List<IpFamily> families = new ArrayList<>();
        for (String p : poolNames) {
            PoolRecord pool = pools.get(p);
            IpFamily family = IpAddress.tryParse(pool.definition().gateway()).map(IpAddress::family).orElse(null);
            if (family != null && families.contains(family)) {
                throw IpamctlException.invalid("pools " + String.join(" and ", poolNames) + " are both " + family
                        + ": a namespace takes at most one pool per family (one IPv4 and one IPv6 for dual stack)");
            }
            families.add(family);
        }
        String value = String.join(",", poolNames);
        return ConflictRetry.run("binding namespace " + namespace, () -> {
            Namespace ns = namespaces.get(namespace);
            String previous = NamespaceStore.annotation(ns, Annotations.IPPOOLS);
            int pods = namespaces.podCount(namespace);
            if (value.equals(previous)) {
                return new Outcome(namespace, previous, value, false, pods);
            }
            if (previous != null && !overwrite) {
                throw IpamctlException.failed("namespace " + namespace + " is already bound to "
                        + SafeText.printable(previous) + "; pass --overwrite to bind it to " + value + " instead");
            }
            if (write != Write.CLIENT_DRY_RUN) {
                namespaces.patchAnnotation(namespace, ns.getMetadata().getResourceVersion(), Annotations.IPPOOLS, value,
                        write == Write.SERVER_DRY_RUN);
            }
            return new Outcome(namespace, previous, value, true, pods);
        });
    }

    public Outcome unbind(String namespace, Write write) {
        checkNamespaceName(namespace);
        return ConflictRetry.run("unbinding namespace " + namespace, () -> {
            Namespace ns = namespaces.get(namespace);
            String previous = NamespaceStore.annotation(ns, Annotations.IPPOOLS);
            int pods = namespaces.podCount(namespace);
            if (previous == null) {
                return new Outcome(namespace, null, null, false, pods);
            }
            if (write != Write.CLIENT_DRY_RUN) {
                namespaces.patchAnnotation(namespace, ns.getMetadata().getResourceVersion(), Annotations.IPPOOLS, null,
                        write == Write.SERVER_DRY_RUN);
            }
            return new Outcome(namespace, previous, null, true, pods);
        });
    }

    public KubernetesClient client() {
        return client;
    }
}
