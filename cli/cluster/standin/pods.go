package main

// Pods: an address for every Pod (AntreaIPAM pool, the Node's podCIDR or the Node's address), Antrea's
// error texts and events when that fails, release when the Pod is deleted.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/retry"
	"k8s.io/klog/v2"
)

func (c *controller) syncPod(ctx context.Context, key string) error {
	if strings.HasPrefix(key, "del/") {
		c.mu.Lock()
		pod := c.gone[key]
		c.mu.Unlock()
		if pod == nil {
			return nil
		}
		c.mu.Lock()
		done := c.tornDown[string(pod.UID)]
		c.mu.Unlock()
		if !done { // deleted before it had the finalizer: torn down after the fact
			if err := c.tearDown(ctx, pod); err != nil {
				return err
			}
		}
		c.mu.Lock()
		delete(c.gone, key)
		delete(c.tornDown, string(pod.UID))
		c.mu.Unlock()
		return nil
	}
	obj, exists, err := c.pods.GetByKey(key)
	if err != nil || !exists {
		return err
	}
	pod := obj.(*corev1.Pod)
	if pod.DeletionTimestamp != nil {
		if hasTeardownFinalizer(pod) {
			if err := c.tearDown(ctx, pod); err != nil {
				return err
			}
			c.mu.Lock()
			c.tornDown[string(pod.UID)] = true
			c.mu.Unlock()
			if err := c.dropTeardownFinalizer(ctx, pod); err != nil {
				return err
			}
		}
		return c.finishDeletion(ctx, pod)
	}
	if pod.Spec.NodeName == "" {
		return nil
	}
	if _, _, ok := assigned(pod); ok {
		return nil
	}
	if c.attaches(pod) && !hasTeardownFinalizer(pod) {
		// the ADD waits for the update this patch makes: done now, a sync that follows at once could read
		// the Pod from the cache without its addresses and run the ADD a second time
		return c.addTeardownFinalizer(ctx, pod)
	}
	if !pod.Spec.HostNetwork && !c.hasAgent(pod.Spec.NodeName) {
		// the CNI plugin cannot reach an agent that does not run: Antrea's plugin reports the gRPC error
		err := fmt.Errorf("%s", agentDown)
		c.reportError(ctx, pod, err)
		return err
	}
	ip, cid, err := c.allocate(ctx, pod)
	if err != nil {
		c.reportError(ctx, pod, err)
		return err
	}
	netStatus, err := c.attach(ctx, pod, cid, ip)
	if err != nil {
		c.reportError(ctx, pod, err)
		return err
	}
	anns := map[string]any{annIP: ip, annContainerID: cid, annUID: string(pod.UID), annError: nil}
	if netStatus != "" {
		anns[annNetworkStatus] = netStatus
	}
	if pre, ok := c.presets[key]; ok && pre.IP6 != "" {
		anns[annIP6] = pre.IP6
	}
	b, _ := json.Marshal(map[string]any{"metadata": map[string]any{"annotations": anns}})
	_, err = c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.MergePatchType, b, metav1.PatchOptions{})
	if err != nil {
		return err
	}
	_, seeded := c.presets[key]
	delete(c.presets, key) // a seed address is given once; a re-created pod is a new pod
	klog.InfoS("address assigned", "pod", key, "ip", ip, "containerID", cid)
	if !pod.Spec.HostNetwork && !seeded { // seed pods' ports come from `ovs-node seed`
		c.ovsAddPort(pod, ip, cid)
	}
	return nil
}

// finishDeletion is the last step a kubelet's status manager takes for a Pod that is going: delete it for
// good, with grace period 0 and its UID as precondition. kwok's delete stage used to do it by name: it
// plays once per update of the going Pod, and a late play deleted the Pod re-created under the same name
// (`pod pin-ip --recreate`); the precondition makes a late or repeated delete fail instead. Only Pods of the
// nodes a kwok plays the kubelet for (annotation kwok.x-k8s.io/node); a test's own Node keeps its Pods
// Terminating, as a Node without a kubelet does.
func (c *controller) finishDeletion(ctx context.Context, pod *corev1.Pod) error {
	if n, err := c.node(pod.Spec.NodeName); err != nil || n.Annotations[annKwokNode] != "fake" {
		return nil
	}
	grace, uid := int64(0), pod.UID
	err := c.kube.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: &grace, Preconditions: &metav1.Preconditions{UID: &uid},
	})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // gone already, or the name is another Pod's now (the precondition failed)
	}
	if err == nil {
		klog.InfoS("pod deleted", "pod", pod.Namespace+"/"+pod.Name, "uid", uid)
	}
	return err
}

// tearDown is what the kubelet and the CNI do for a Pod that goes: its OVS port, the CNI DEL of its
// secondary networks, its Antrea pool entries.
func (c *controller) tearDown(ctx context.Context, pod *corev1.Pod) error {
	cid := c.containerID(pod)
	if pod.Spec.NodeName != "" && !pod.Spec.HostNetwork {
		c.ovsDelPort(pod.Spec.NodeName, pod.Namespace, pod.Name, cid)
	}
	c.detach(ctx, pod, cid)
	return c.release(ctx, pod.Namespace, pod.Name, cid)
}

func (c *controller) reportError(ctx context.Context, pod *corev1.Pod, cause error) {
	msg := cause.Error()
	if pod.Annotations[annError] != msg {
		patch := map[string]any{"metadata": map[string]any{"annotations": map[string]any{annError: msg}}}
		b, _ := json.Marshal(patch)
		_, _ = c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.MergePatchType, b, metav1.PatchOptions{})
		now := metav1.Now()
		ev := &corev1.Event{
			ObjectMeta: metav1.ObjectMeta{GenerateName: pod.Name + ".", Namespace: pod.Namespace},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: pod.Namespace,
				Name: pod.Name, UID: pod.UID},
			Reason:  "FailedCreatePodSandBox",
			Message: sandboxMessage(c.containerID(pod), cause),
			Type:    corev1.EventTypeWarning, Source: corev1.EventSource{Component: "kubelet", Host: pod.Spec.NodeName},
			FirstTimestamp: now, LastTimestamp: now, Count: 1,
		}
		_, _ = c.kube.CoreV1().Events(pod.Namespace).Create(ctx, ev, metav1.CreateOptions{})
	}
}

// sandboxMessage: the kubelet's event text for a failed sandbox set-up (containerd's wrapping of the CNI
// plugin's error): Antrea's plugin for the cluster network, Multus for a secondary network.
func sandboxMessage(cid string, cause error) string {
	plugin, name, msg := "antrea", "antrea", cause.Error()
	var se *sandboxError
	if errors.As(cause, &se) {
		plugin, name = "multus", "multus-cni-network"
	}
	return fmt.Sprintf(`Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox %q: `+
		`plugin type=%q name=%q failed (add): %s`, cid, plugin, name, msg)
}

// agentDown: what Antrea's CNI plugin reports while the agent of its node does not run.
const agentDown = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/antrea/cni.sock: connect: connection refused"`

func isAgent(p *corev1.Pod) bool {
	return p.Namespace == "kube-system" && p.Labels["app"] == "antrea" && p.Labels["component"] == "antrea-agent"
}

// hasAgent: whether an Antrea agent Pod (labels app=antrea,component=antrea-agent in kube-system) is on the node.
func (c *controller) hasAgent(node string) bool {
	for _, o := range c.pods.List() {
		if p := o.(*corev1.Pod); isAgent(p) && p.Spec.NodeName == node && p.DeletionTimestamp == nil {
			return true
		}
	}
	return false
}

// containerID: the sandbox ID this pod has (or will get): assigned one, seed preset, else from the UID.
func (c *controller) containerID(pod *corev1.Pod) string {
	if _, cid, ok := assigned(pod); ok && cid != "" {
		return cid
	}
	if p, ok := c.presets[pod.Namespace+"/"+pod.Name]; ok && p.ContainerID != "" {
		return p.ContainerID
	}
	sum := sha256.Sum256([]byte("sandbox/" + string(pod.UID)))
	return hex.EncodeToString(sum[:])
}

func (c *controller) node(name string) (*corev1.Node, error) {
	o, ok, _ := c.nodes.GetByKey(name)
	if !ok {
		return nil, fmt.Errorf("node %s not found", name)
	}
	return o.(*corev1.Node), nil
}

func (c *controller) allocate(ctx context.Context, pod *corev1.Pod) (string, string, error) {
	cid := c.containerID(pod)
	if pod.Spec.HostNetwork {
		n, err := c.node(pod.Spec.NodeName)
		if err != nil {
			return "", "", err
		}
		for _, a := range n.Status.Addresses {
			if a.Type == corev1.NodeInternalIP {
				return a.Address, cid, nil
			}
		}
		return "", "", fmt.Errorf("node %s has no InternalIP", n.Name)
	}
	pools := pod.Annotations[annPools]
	if pools == "" {
		if o, ok, _ := c.nss.GetByKey(pod.Namespace); ok {
			pools = o.(*corev1.Namespace).Annotations[annPools]
		}
	}
	pre, hasPreset := c.presets[pod.Namespace+"/"+pod.Name]
	if pools == "" {
		if hasPreset && pre.IP != "" {
			return pre.IP, cid, nil
		}
		ip, err := c.nodeCIDRAddress(pod)
		return ip, cid, err
	}
	var ip string
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		var err error
		requested := pod.Annotations[annPodIPs]
		if hasPreset && pre.IP != "" {
			requested = pre.IP
		}
		ip, err = c.allocateFromPools(ctx, pod, strings.Split(pools, ","), cid, requested)
		return err
	})
	return ip, cid, err
}

func (c *controller) allocateFromPools(ctx context.Context, pod *corev1.Pod, names []string, cid, podIPs string) (string, error) {
	var pools []*pool
	for _, n := range names {
		p, err := c.getPool(ctx, n)
		if apierrors.IsNotFound(err) {
			continue // unknown pool names are skipped, as in Antrea
		}
		if err != nil {
			return "", err
		}
		pools = append(pools, p)
	}
	target, ip, err := pickAddress(pools, names, pod.Namespace, pod.Name, cid, podIPs)
	if err != nil || target == nil {
		return ip, err
	}
	target.entries = append(target.entries, map[string]any{
		"ipAddress": ip,
		"phase":     "Allocated",
		"owner": map[string]any{"pod": map[string]any{
			"name": pod.Name, "namespace": pod.Namespace, "containerID": cid,
		}},
	})
	if err := c.writeStatus(ctx, target); err != nil {
		return "", err
	}
	return ip, nil
}

// pickAddress is Antrea's choice of an address for a Pod among its IPPools (in annotation order; names
// are the configured names, pools those that exist): the pod-ips request, else the lowest free address of
// the first pool that has one. A nil target with an address: the Pod already owns that entry (same
// sandbox container ID: seed objects, or a retry after a failed pod patch). The errors are Antrea's texts.
func pickAddress(all []*pool, names []string, ns, name, cid, podIPs string) (target *pool, ip string, err error) {
	var pools []*pool
	for _, p := range all {
		if p.v4 {
			pools = append(pools, p) // IPv4 only here (test scope)
		}
	}
	if len(pools) == 0 {
		return nil, "", fmt.Errorf("no valid IPPool found for configured pools: [%s]", strings.Join(names, ", "))
	}
	// an entry of an earlier pod with the same name is not this Pod's
	for _, p := range pools {
		for _, e := range p.entries {
			if ens, en := entryPod(e); ens == ns && en == name && entryCID(e) == cid {
				return nil, entryIP(e), nil
			}
		}
	}
	var requested net.IP
	if v := podIPs; v != "" {
		clean := strings.ReplaceAll(v, " ", "")
		var v4s []net.IP
		for _, s := range strings.Split(clean, ",") {
			if s == "" {
				continue
			}
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, "", fmt.Errorf("invalid IP %q in %s annotation %q", s, annPodIPs, v)
			}
			if ip.To4() != nil {
				v4s = append(v4s, ip)
			}
		}
		if len(v4s) > 1 {
			return nil, "", fmt.Errorf("multiple IPv4 addresses in %s annotation %q", annPodIPs, v)
		}
		if len(v4s) == 1 {
			requested = v4s[0]
			if len(pools) > 1 {
				var pn []string
				for _, p := range pools {
					pn = append(pn, p.name)
				}
				return nil, "", fmt.Errorf("multiple IPv4 IPPools configured with requested IPv4 address(es) [%s]; configured IPv4 IPPools (%d): [%s]; specifying an IP restricts the selection to exactly one IPPool of that corresponding IP family",
					requested, len(pools), strings.Join(pn, ", "))
			}
		}
	}
	if requested != nil {
		target = pools[0]
		rg, ok := target.inPool(requested)
		if !ok {
			return nil, "", fmt.Errorf("IP %s does not belong to IP pool %s", requested, target.name)
		}
		// Antrea's range allocator checks the reserved addresses first (ipallocator AllocateIP)
		if rg.reserved[requested.String()] {
			return nil, "", fmt.Errorf("IP %s is reserved and not available for allocation", requested)
		}
		if target.used()[requested.String()] {
			return nil, "", fmt.Errorf("IP %s is already allocated", requested)
		}
		return target, requested.String(), nil
	}
	for _, p := range pools {
		if free := p.lowestFree(); free != nil {
			return p, free.String(), nil
		}
	}
	return nil, "", fmt.Errorf("failed to allocate IPv4 address for Pod %s/%s: all IPPools exhausted", ns, name)
}

// nodeCIDRAddress: lowest free address of the Node's podCIDR, from .2 (.1 is antrea-gw0).
func (c *controller) nodeCIDRAddress(pod *corev1.Pod) (string, error) {
	n, err := c.node(pod.Spec.NodeName)
	if err != nil {
		return "", err
	}
	cidr := n.Spec.PodCIDR
	if len(n.Spec.PodCIDRs) > 0 {
		cidr = n.Spec.PodCIDRs[0]
	}
	_, ipn, err := net.ParseCIDR(cidr)
	if err != nil {
		return "", fmt.Errorf("node %s has no usable podCIDR %q", n.Name, cidr)
	}
	used := map[string]bool{}
	for _, p := range c.presets { // seed addresses not handed out yet
		used[p.IP] = true
	}
	for _, o := range c.pods.List() {
		p := o.(*corev1.Pod)
		if p.UID == pod.UID {
			continue
		}
		if a, _, ok := assigned(p); ok {
			used[a] = true
		}
		for _, s := range p.Status.PodIPs {
			used[s.IP] = true
		}
	}
	ones, bits := ipn.Mask.Size()
	base := ipToInt(ipn.IP)
	size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
	v4 := ipn.IP.To4() != nil
	for off := int64(2); big.NewInt(off).Cmp(new(big.Int).Sub(size, big.NewInt(1))) < 0 && off < maxRangeSize; off++ {
		ip := intToIP(new(big.Int).Add(base, big.NewInt(off)), v4).String()
		if !used[ip] {
			return ip, nil
		}
	}
	return "", nodeRangeFull(ipn)
}

// nodeRangeFull: what Antrea reports when its Node IPAM path finds the podCIDR full. Antrea hands a Pod
// without a pool to host-local with the range {subnet: podCIDR, gateway}, and passes host-local's error
// through unchanged (cniserver ipamFailureResponse at antrea-io/antrea fc70f2b); host-local
// (containernetworking/plugins, plugins/ipam/host-local) words it "failed to allocate for range 0: no IP
// addresses available in range set: START-END", START the address after the network's, END the one before
// the IPv4 broadcast address (the last address for IPv6).
func nodeRangeFull(ipn *net.IPNet) error {
	ones, bits := ipn.Mask.Size()
	base := ipToInt(ipn.IP)
	v4 := ipn.IP.To4() != nil
	last := new(big.Int).Sub(new(big.Int).Add(base, new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))), big.NewInt(1))
	if v4 {
		last.Sub(last, big.NewInt(1))
	}
	first := intToIP(new(big.Int).Add(base, big.NewInt(1)), v4)
	return fmt.Errorf("failed to allocate for range 0: no IP addresses available in range set: %s-%s", first, intToIP(last, v4))
}

// release removes the deleted pod's entries (same namespace, name and container ID) from every pool;
// StatefulSet entries keep their statefulSet owner and become Reserved.
func (c *controller) release(ctx context.Context, ns, name, cid string) error {
	list, err := c.dyn.Resource(poolGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	}
	names := []string{}
	for _, it := range list.Items {
		names = append(names, it.GetName())
	}
	sort.Strings(names)
	var errs []error
	for _, pn := range names {
		err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
			p, err := c.getPool(ctx, pn)
			if apierrors.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return err
			}
			changed := false
			var keep []any
			for _, e := range p.entries {
				ens, en := entryPod(e)
				if ens != ns || en != name || entryCID(e) != cid {
					keep = append(keep, e)
					continue
				}
				changed = true
				m := e.(map[string]any)
				if _, ok, _ := unstructured.NestedMap(m, "owner", "statefulSet"); ok {
					unstructured.RemoveNestedField(m, "owner", "pod")
					m["phase"] = "Reserved"
					keep = append(keep, m)
				}
			}
			if !changed {
				return nil
			}
			p.entries = keep
			klog.InfoS("address released", "pod", ns+"/"+name, "pool", pn)
			return c.writeStatus(ctx, p)
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
