package io.ipamctl.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-alone Pod manifest in namespace ns-db on node-01, as an admin would write it for pin-ip -f. */
public final class PodManifest {

    private PodManifest() {}

    /** Writes NAME.yaml into dir and returns its path. */
    public static Path write(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: ns-db
                spec:
                  nodeName: node-01
                  containers:
                  - name: db
                    image: registry.k8s.io/pause:3.10
                """.formatted(name));
    }
}
