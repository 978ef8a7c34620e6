package main

// OVS ports of the Pods addressed here (optional: --ovs-node), added and removed as the Antrea agent does.

import (
	"crypto/sha256"
	"fmt"
	"os/exec"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/klog/v2"
)

func (c *controller) ovsAddPort(pod *corev1.Pod, ip, cid string) {
	if c.ovsNode == "" {
		return
	}
	sum := sha256.Sum256([]byte("mac/" + cid))
	mac := fmt.Sprintf("02:%02x:%02x:%02x:%02x:%02x", sum[0], sum[1], sum[2], sum[3], sum[4])
	out, err := exec.Command(c.ovsNode, "add-pod", pod.Spec.NodeName, pod.Namespace, pod.Name, ip, mac, cid).CombinedOutput()
	if err != nil {
		klog.ErrorS(err, "ovs-node add-pod", "pod", pod.Namespace+"/"+pod.Name, "output", strings.TrimSpace(string(out)))
	}
}

// ovsEnv: this process's environment plus the exports printed by `ovs-node env NODE`.
func (c *controller) ovsEnv(node string) ([]string, error) {
	out, err := exec.Command("/bin/bash", "-c", `eval "$("$0" env "$1")" && env -0`, c.ovsNode, node).Output()
	if err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range strings.Split(string(out), "\x00") {
		if kv != "" {
			env = append(env, kv)
		}
	}
	return env, nil
}

func (c *controller) ovsDelPort(node, ns, name, cid string) {
	if c.ovsNode == "" {
		return
	}
	env, err := c.ovsEnv(node)
	if err != nil {
		klog.ErrorS(err, "ovs-node env", "node", node)
		return
	}
	find := exec.Command("ovs-vsctl", "--bare", "--columns=name", "find", "Port",
		"external_ids:pod-namespace="+ns, "external_ids:pod-name="+name, "external_ids:container-id="+cid)
	find.Env = env
	out, err := find.Output()
	if err != nil {
		klog.ErrorS(err, "ovs-vsctl find", "node", node, "pod", ns+"/"+name)
		return
	}
	for _, port := range strings.Fields(string(out)) {
		del := exec.Command("ovs-vsctl", "--if-exists", "del-port", port)
		del.Env = env
		if out, err := del.CombinedOutput(); err != nil {
			klog.ErrorS(err, "ovs-vsctl del-port", "node", node, "port", port, "output", strings.TrimSpace(string(out)))
		} else {
			klog.InfoS("OVS port removed", "node", node, "port", port, "pod", ns+"/"+name)
		}
	}
}
