// Command ipam-standin is TEST-ONLY code for cli/test-cluster. It stands in for the IPAM part of the
// Antrea agent/controller in a kwok cluster (there is no CNI, no kubelet and no Antrea here):
//
//   - every Pod with spec.nodeName and no address yet gets one:
//     AntreaIPAM pods (annotation ipam.antrea.io/ippools on the Pod, else on its Namespace) get the
//     address requested by ipam.antrea.io/pod-ips, else the lowest free address of the first pool that
//     has one; the pool gets an Allocated entry (owner.pod name/namespace/containerID) and status.usage.
//     Other pods get the lowest free address of their Node's podCIDR (.1 is the gateway, Antrea-style);
//     hostNetwork pods get the Node's InternalIP.
//   - the address is written to the pod as annotation test.ipamctl.io/pod-ip (and the sandbox container
//     ID as test.ipamctl.io/container-id); kwok's pod-ready Stage (cli/cluster/kwok/stages.yaml) waits
//     for that annotation and templates status.podIP/podIPs and containerIDs from it.
//   - a deleted pod loses its pool entries (matched by namespace, name and containerID, so a pod
//     re-created under the same name keeps its new entry; a StatefulSet-owned entry keeps the statefulSet owner and
//     becomes Reserved, as Antrea does).
//   - with --ovs-node=<cli/ovs-node>: a pod that got its address here also gets its OVS port on its
//     node (`ovs-node add-pod NODE NS POD IP MAC CONTAINER_ID`), and a deleted pod's port is removed
//     (ovs-vsctl del-port of the Port whose external_ids name the pod), as the Antrea agent does.
//   - pool status.usage is kept equal to {used: len(ipAddresses), total: size of the ranges} like the
//     Antrea controller does after every IPPool add/update.
//   - Egresses and LoadBalancer Services get addresses from ExternalIPPools (externalip.go).
//
// Failures (pool exhausted, requested IP taken, no agent on the node, ...) use Antrea's error texts; they are
// written to the pod as annotation test.ipamctl.io/ipam-error plus a Warning Event, the pod stays Pending and is
// retried.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/retry"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

const (
	annPools       = "ipam.antrea.io/ippools"
	annPodIPs      = "ipam.antrea.io/pod-ips"
	annIP          = "test.ipamctl.io/pod-ip"
	annContainerID = "test.ipamctl.io/container-id"
	annUID         = "test.ipamctl.io/uid" // the annotations above are valid only for the pod with this UID
	annError       = "test.ipamctl.io/ipam-error"
	maxRangeSize   = 65536
)

var poolGVR = schema.GroupVersionResource{Group: "crd.antrea.io", Version: "v1beta1", Resource: "ippools"}

type controller struct {
	kube  kubernetes.Interface
	dyn   dynamic.Interface
	pods  cache.Indexer
	nss   cache.Indexer
	nodes cache.Indexer
	queue workqueue.TypedRateLimitingInterface[string]
	poolQ workqueue.TypedRateLimitingInterface[string]
	eipQ  workqueue.TypedRateLimitingInterface[string] // ExternalIPPools, Egresses, LoadBalancer Services (externalip.go)

	ovsNode string
	mu      sync.Mutex
	gone    map[string]*corev1.Pod // "del/<uid>" -> last state of a deleted pod
	presets map[string]preset      // "ns/name" -> seed address, used once
}

// preset: the address and sandbox container ID a seed pod had (cli/test-cluster --presets file).
type preset struct {
	Namespace   string `json:"namespace"`
	Name        string `json:"name"`
	IP          string `json:"ip"`
	ContainerID string `json:"containerID"`
}

// assigned: the address/container ID this stand-in gave to exactly this pod. Annotations copied
// from another pod (a manifest saved and re-applied) carry another UID and do not count.
func assigned(pod *corev1.Pod) (ip, cid string, ok bool) {
	a := pod.Annotations
	if a[annUID] != string(pod.UID) || a[annIP] == "" {
		return "", "", false
	}
	return a[annIP], a[annContainerID], true
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the test cluster")
	ovsNode := flag.String("ovs-node", "", "path of cli/ovs-node: add/remove OVS ports of pods addressed here")
	presetFile := flag.String("presets", "", "JSON list of {namespace,name,ip,containerID}: seed pods get these once")
	flag.Parse()
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		klog.Fatal(err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	kube := kubernetes.NewForConfigOrDie(cfg)
	dyn := dynamic.NewForConfigOrDie(cfg)

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	f := informers.NewSharedInformerFactory(kube, 0)
	podInf := f.Core().V1().Pods().Informer()
	nsInf := f.Core().V1().Namespaces().Informer()
	nodeInf := f.Core().V1().Nodes().Informer()
	df := dynamicinformer.NewDynamicSharedInformerFactory(dyn, 0)
	poolInf := df.ForResource(poolGVR).Informer()
	eipInf := df.ForResource(externalIPPoolGVR).Informer()
	egressInf := df.ForResource(egressGVR).Informer()
	svcInf := f.Core().V1().Services().Informer()

	c := &controller{
		kube: kube, dyn: dyn,
		pods: podInf.GetIndexer(), nss: nsInf.GetIndexer(), nodes: nodeInf.GetIndexer(),
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.NewTypedItemExponentialFailureRateLimiter[string](
			200*time.Millisecond, 20*time.Second)),
		poolQ:   workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		eipQ:    workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		ovsNode: *ovsNode,
		gone:    map[string]*corev1.Pod{},
		presets: map[string]preset{},
	}
	if *presetFile != "" {
		b, err := os.ReadFile(*presetFile)
		if err != nil {
			klog.Fatal(err)
		}
		var list []preset
		if err := json.Unmarshal(b, &list); err != nil {
			klog.Fatalf("%s: %v", *presetFile, err)
		}
		for _, p := range list {
			c.presets[p.Namespace+"/"+p.Name] = p
		}
	}
	podKey := func(obj any) {
		if k, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			c.queue.Add(k)
		}
	}
	// A deletion is its own work item keyed by UID, so a pod re-created under the same name (e.g.
	// `ipamctl pod pin-ip --recreate`) never has its new entry released by the old pod's deletion.
	podGone := func(obj any) {
		if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
			obj = t.Obj
		}
		p, ok := obj.(*corev1.Pod)
		if !ok {
			return
		}
		k := "del/" + string(p.UID)
		c.mu.Lock()
		c.gone[k] = p
		c.mu.Unlock()
		c.queue.Add(k)
	}
	// A namespace annotation change, a freed pool address or an agent back on its node may unblock pending pods.
	requeuePending := func(any) {
		for _, o := range c.pods.List() {
			p := o.(*corev1.Pod)
			if _, _, ok := assigned(p); !ok && p.Spec.NodeName != "" {
				podKey(p)
			}
		}
	}
	_, _ = podInf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: podKey, UpdateFunc: func(_, n any) {
			podKey(n)
			if p, ok := n.(*corev1.Pod); ok && isAgent(p) {
				requeuePending(n)
			}
		}, DeleteFunc: podGone,
	})
	_, _ = nsInf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: requeuePending, UpdateFunc: func(_, n any) { requeuePending(n) }})
	_, _ = nodeInf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: requeuePending})
	poolKey := func(obj any) {
		if k, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			c.poolQ.Add(k)
		}
	}
	_, _ = poolInf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: poolKey, UpdateFunc: func(_, n any) { poolKey(n); requeuePending(n) },
	})

	externalIPs := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { c.eipQ.Add(externalIPsKey) },
		UpdateFunc: func(_, _ any) { c.eipQ.Add(externalIPsKey) },
		DeleteFunc: func(any) { c.eipQ.Add(externalIPsKey) },
	}
	for _, inf := range []cache.SharedIndexInformer{eipInf, egressInf, svcInf} {
		_, _ = inf.AddEventHandler(externalIPs)
	}

	f.Start(ctx.Done())
	df.Start(ctx.Done())
	for _, inf := range []cache.SharedIndexInformer{podInf, nsInf, nodeInf, poolInf, eipInf, egressInf, svcInf} {
		if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
			klog.Fatal("cache sync failed")
		}
	}
	klog.Info("ipam-standin running")
	// One worker each: allocations are serialised, so two pods never get the same address.
	go wait.UntilWithContext(ctx, c.runPods, time.Second)
	go wait.UntilWithContext(ctx, c.runPools, time.Second)
	go wait.UntilWithContext(ctx, c.runExternalIPs, time.Second)
	<-ctx.Done()
	c.queue.ShutDown()
	c.poolQ.ShutDown()
	c.eipQ.ShutDown()
}

func (c *controller) runPods(ctx context.Context) {
	for {
		key, quit := c.queue.Get()
		if quit {
			return
		}
		err := c.syncPod(ctx, key)
		if err != nil {
			klog.InfoS("pod not ready for an address yet", "pod", key, "err", err)
			c.queue.AddRateLimited(key)
		} else {
			c.queue.Forget(key)
		}
		c.queue.Done(key)
	}
}

func (c *controller) runPools(ctx context.Context) {
	for {
		key, quit := c.poolQ.Get()
		if quit {
			return
		}
		if err := c.syncUsage(ctx, key); err != nil {
			klog.ErrorS(err, "usage update", "pool", key)
			c.poolQ.AddRateLimited(key)
		} else {
			c.poolQ.Forget(key)
		}
		c.poolQ.Done(key)
	}
}

func (c *controller) runExternalIPs(ctx context.Context) {
	for {
		key, quit := c.eipQ.Get()
		if quit {
			return
		}
		if err := c.syncExternalIPs(ctx); err != nil {
			klog.ErrorS(err, "external IPs")
			c.eipQ.AddRateLimited(key)
		} else {
			c.eipQ.Forget(key)
		}
		c.eipQ.Done(key)
	}
}

// ---------------------------------------------------------------- pools

type ipRange struct {
	first, last net.IP // inclusive
	reserved    map[string]bool
	text        string
}

type pool struct {
	name    string
	obj     *unstructured.Unstructured
	ranges  []ipRange
	entries []any // status.ipAddresses as unstructured
	v4      bool
}

func ipToInt(ip net.IP) *big.Int {
	if v4 := ip.To4(); v4 != nil {
		return new(big.Int).SetBytes(v4)
	}
	return new(big.Int).SetBytes(ip.To16())
}

func intToIP(i *big.Int, v4 bool) net.IP {
	n := 16
	if v4 {
		n = 4
	}
	b := i.FillBytes(make([]byte, n))
	return net.IP(b)
}

func parsePool(obj *unstructured.Unstructured) (*pool, error) {
	p := &pool{name: obj.GetName(), obj: obj}
	gw, _, _ := unstructured.NestedString(obj.Object, "spec", "subnetInfo", "gateway")
	plen, _, _ := unstructured.NestedInt64(obj.Object, "spec", "subnetInfo", "prefixLength")
	gwIP := net.ParseIP(gw)
	p.v4 = gwIP == nil || gwIP.To4() != nil
	ranges, _, _ := unstructured.NestedSlice(obj.Object, "spec", "ipRanges")
	for _, r := range ranges {
		m, _ := r.(map[string]any)
		var rg ipRange
		rg.reserved = map[string]bool{}
		if cidr, _ := m["cidr"].(string); cidr != "" {
			_, n, err := net.ParseCIDR(cidr)
			if err != nil {
				return nil, fmt.Errorf("invalid cidr %s", cidr)
			}
			ones, bits := n.Mask.Size()
			base := ipToInt(n.IP)
			size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
			last := new(big.Int).Sub(new(big.Int).Add(base, size), big.NewInt(1))
			v4 := n.IP.To4() != nil
			rg.first = intToIP(new(big.Int).Add(base, big.NewInt(1)), v4) // network address never handed out
			rg.last = intToIP(last, v4)
			if gwIP != nil {
				rg.reserved[gwIP.String()] = true // Antrea reserves the gateway for every cidr range
			}
			if v4 && int64(ones) == plen {
				rg.reserved[intToIP(last, true).String()] = true // broadcast
			}
			rg.text = cidr
		} else {
			s, _ := m["start"].(string)
			e, _ := m["end"].(string)
			rg.first, rg.last = net.ParseIP(s), net.ParseIP(e)
			if rg.first == nil || rg.last == nil {
				return nil, fmt.Errorf("invalid range %s-%s", s, e)
			}
			rg.text = s + "-" + e
		}
		p.ranges = append(p.ranges, rg)
	}
	p.entries, _, _ = unstructured.NestedSlice(obj.Object, "status", "ipAddresses")
	return p, nil
}

func (rg ipRange) contains(ip net.IP) bool {
	i := ipToInt(ip)
	return (ip.To4() != nil) == (rg.first.To4() != nil) && i.Cmp(ipToInt(rg.first)) >= 0 && i.Cmp(ipToInt(rg.last)) <= 0
}

func (rg ipRange) size() int64 {
	n := new(big.Int).Sub(ipToInt(rg.last), ipToInt(rg.first))
	n.Add(n, big.NewInt(1))
	if !n.IsInt64() || n.Int64() > maxRangeSize {
		n = big.NewInt(maxRangeSize)
	}
	// Antrea subtracts every reserved address, the gateway even when it lies outside the cidr.
	return n.Int64() - int64(len(rg.reserved))
}

func (p *pool) total() int64 {
	var t int64
	for _, rg := range p.ranges {
		t += rg.size()
	}
	return t
}

func entryIP(e any) string {
	m, _ := e.(map[string]any)
	s, _ := m["ipAddress"].(string)
	return s
}

func entryPod(e any) (ns, name string) {
	m, _ := e.(map[string]any)
	pod, _, _ := unstructured.NestedMap(m, "owner", "pod")
	ns, _ = pod["namespace"].(string)
	name, _ = pod["name"].(string)
	return
}

func entryCID(e any) string {
	m, _ := e.(map[string]any)
	cid, _, _ := unstructured.NestedString(m, "owner", "pod", "containerID")
	return cid
}

func (p *pool) used() map[string]bool {
	u := map[string]bool{}
	for _, e := range p.entries {
		if ip := net.ParseIP(entryIP(e)); ip != nil {
			u[ip.String()] = true
		}
	}
	return u
}

func (p *pool) inPool(ip net.IP) (ipRange, bool) {
	for _, rg := range p.ranges {
		if rg.contains(ip) {
			return rg, true
		}
	}
	return ipRange{}, false
}

func (p *pool) lowestFree() net.IP {
	used := p.used()
	for _, rg := range p.ranges {
		v4 := rg.first.To4() != nil
		end := ipToInt(rg.last)
		n := int64(0)
		for i := ipToInt(rg.first); i.Cmp(end) <= 0 && n < maxRangeSize; i.Add(i, big.NewInt(1)) {
			n++
			ip := intToIP(i, v4).String()
			if !used[ip] && !rg.reserved[ip] {
				return net.ParseIP(ip)
			}
		}
	}
	return nil
}

func (c *controller) getPool(ctx context.Context, name string) (*pool, error) {
	obj, err := c.dyn.Resource(poolGVR).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	return parsePool(obj)
}

// writeStatus stores p.entries and the matching usage through the status subresource.
func (c *controller) writeStatus(ctx context.Context, p *pool) error {
	obj := p.obj.DeepCopy()
	if p.entries == nil {
		unstructured.RemoveNestedField(obj.Object, "status", "ipAddresses")
	} else if err := unstructured.SetNestedSlice(obj.Object, p.entries, "status", "ipAddresses"); err != nil {
		return err
	}
	_ = unstructured.SetNestedField(obj.Object, int64(len(p.entries)), "status", "usage", "used")
	_ = unstructured.SetNestedField(obj.Object, p.total(), "status", "usage", "total")
	_, err := c.dyn.Resource(poolGVR).UpdateStatus(ctx, obj, metav1.UpdateOptions{})
	return err
}

func (c *controller) syncUsage(ctx context.Context, name string) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		p, err := c.getPool(ctx, name)
		if apierrors.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		used, _, _ := unstructured.NestedInt64(p.obj.Object, "status", "usage", "used")
		total, found, _ := unstructured.NestedInt64(p.obj.Object, "status", "usage", "total")
		if found && used == int64(len(p.entries)) && total == p.total() {
			return nil
		}
		patch := map[string]any{"status": map[string]any{"usage": map[string]any{"used": len(p.entries), "total": p.total()}}}
		b, _ := json.Marshal(patch)
		_, err = c.dyn.Resource(poolGVR).Patch(ctx, name, types.MergePatchType, b, metav1.PatchOptions{}, "status")
		return err
	})
}

// ---------------------------------------------------------------- pods

func (c *controller) syncPod(ctx context.Context, key string) error {
	if strings.HasPrefix(key, "del/") {
		c.mu.Lock()
		pod := c.gone[key]
		c.mu.Unlock()
		if pod == nil {
			return nil
		}
		cid := c.containerID(pod)
		if pod.Spec.NodeName != "" && !pod.Spec.HostNetwork {
			c.ovsDelPort(pod.Spec.NodeName, pod.Namespace, pod.Name, cid)
		}
		if err := c.release(ctx, pod.Namespace, pod.Name, cid); err != nil {
			return err
		}
		c.mu.Lock()
		delete(c.gone, key)
		c.mu.Unlock()
		return nil
	}
	obj, exists, err := c.pods.GetByKey(key)
	if err != nil || !exists {
		return err
	}
	pod := obj.(*corev1.Pod)
	if pod.Spec.NodeName == "" || pod.DeletionTimestamp != nil {
		return nil
	}
	if _, _, ok := assigned(pod); ok {
		return nil
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
	patch := map[string]any{"metadata": map[string]any{"annotations": map[string]any{
		annIP: ip, annContainerID: cid, annUID: string(pod.UID), annError: nil}}}
	b, _ := json.Marshal(patch)
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
			Message: fmt.Sprintf("Failed to create pod sandbox: plugin type=\"antrea\" failed (add): %s", msg),
			Type:    corev1.EventTypeWarning, Source: corev1.EventSource{Component: "kubelet", Host: pod.Spec.NodeName},
			FirstTimestamp: now, LastTimestamp: now, Count: 1,
		}
		_, _ = c.kube.CoreV1().Events(pod.Namespace).Create(ctx, ev, metav1.CreateOptions{})
	}
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
		if !p.v4 {
			continue // IPv4 only here (test scope)
		}
		pools = append(pools, p)
	}
	if len(pools) == 0 {
		return "", fmt.Errorf("no valid IPPool found for configured pools: [%s]", strings.Join(names, ", "))
	}
	// Already owned by this very pod (same sandbox container ID: seed objects, or a retry after a
	// failed pod patch): keep it. An entry of an earlier pod with the same name is not ours.
	for _, p := range pools {
		for _, e := range p.entries {
			if ns, n := entryPod(e); ns == pod.Namespace && n == pod.Name && entryCID(e) == cid {
				return entryIP(e), nil
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
				return "", fmt.Errorf("invalid IP %q in %s annotation %q", s, annPodIPs, v)
			}
			if ip.To4() != nil {
				v4s = append(v4s, ip)
			}
		}
		if len(v4s) > 1 {
			return "", fmt.Errorf("multiple IPv4 addresses in %s annotation %q", annPodIPs, v)
		}
		if len(v4s) == 1 {
			requested = v4s[0]
			if len(pools) > 1 {
				var pn []string
				for _, p := range pools {
					pn = append(pn, p.name)
				}
				return "", fmt.Errorf("multiple IPv4 IPPools configured with requested IPv4 address(es) [%s]; configured IPv4 IPPools (%d): [%s]; specifying an IP restricts the selection to exactly one IPPool of that corresponding IP family",
					requested, len(pools), strings.Join(pn, ", "))
			}
		}
	}
	var target *pool
	var ip net.IP
	if requested != nil {
		target = pools[0]
		rg, ok := target.inPool(requested)
		if !ok {
			return "", fmt.Errorf("IP %s does not belong to IP pool %s", requested, target.name)
		}
		if target.used()[requested.String()] {
			return "", fmt.Errorf("IP %s is already allocated", requested)
		}
		if rg.reserved[requested.String()] {
			return "", fmt.Errorf("IP %s is reserved and not available for allocation", requested)
		}
		ip = requested
	} else {
		for _, p := range pools {
			if ip = p.lowestFree(); ip != nil {
				target = p
				break
			}
		}
		if ip == nil {
			return "", fmt.Errorf("failed to allocate IPv4 address for Pod %s/%s: all IPPools exhausted", pod.Namespace, pod.Name)
		}
	}
	target.entries = append(target.entries, map[string]any{
		"ipAddress": ip.String(),
		"phase":     "Allocated",
		"owner": map[string]any{"pod": map[string]any{
			"name": pod.Name, "namespace": pod.Namespace, "containerID": cid,
		}},
	})
	if err := c.writeStatus(ctx, target); err != nil {
		return "", err
	}
	return ip.String(), nil
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
	return "", fmt.Errorf("no free address in podCIDR %s of node %s", cidr, n.Name)
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

// ---------------------------------------------------------------- OVS ports (optional)

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

func init() {
	klog.InitFlags(nil)
	_ = os.Setenv("TZ", "UTC")
}
