package io.ipamctl.kube;

/** The Antrea agent Pod serving one Node. */
public record AgentPod(String node, String namespace, String name) {}
