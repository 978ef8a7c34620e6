package io.ipamctl.kube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Antrea IPAM's annotation keys and how Antrea reads their values. */
public final class Annotations {

    /** Pools for a Namespace, a Pod or a Pod template: names joined by ",". */
    public static final String IPPOOLS = "ipam.antrea.io/ippools";
    /** Fixed addresses requested by a Pod, joined by ",". */
    public static final String POD_IPS = "ipam.antrea.io/pod-ips";

    private Annotations() {}

    /** Split on "," without trimming pool names, as Antrea does; empty items dropped. */
    public static List<String> pools(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    /** Spaces removed, split on ",", empty items skipped (Antrea's reading of pod-ips). */
    public static List<String> podIps(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String s : value.replace(" ", "").split(",")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
