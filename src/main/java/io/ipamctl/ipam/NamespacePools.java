package io.ipamctl.ipam;

import java.util.List;

/** A Namespace and the pools its ipam.antrea.io/ippools annotation names, in annotation order. */
public record NamespacePools(String namespace, List<String> pools) {

    public NamespacePools {
        pools = List.copyOf(pools);
    }
}
