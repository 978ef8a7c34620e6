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
//   - a going pod on a kwok node is deleted for good (grace period 0, its UID as precondition), as a
//     kubelet's status manager does: kwok's own delete stage deletes by name (pods.go finishDeletion).
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
	"encoding/json"
	"flag"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

const (
	annPools       = "ipam.antrea.io/ippools"
	annPodIPs      = "ipam.antrea.io/pod-ips"
	annIP          = "test.ipamctl.io/pod-ip"
	annIP6         = "test.ipamctl.io/pod-ip6" // a dual-stack seed Pod's second address (kwok templates podIPs)
	annContainerID = "test.ipamctl.io/container-id"
	annUID         = "test.ipamctl.io/uid" // the annotations above are valid only for the pod with this UID
	annError       = "test.ipamctl.io/ipam-error"
	annKwokNode    = "kwok.x-k8s.io/node" // "fake" on the Nodes a kwok plays the kubelet for
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
	cni     *cniRuntime // the real Whereabouts plugin for secondary networks (cni.go), or nil
	mu      sync.Mutex
	gone    map[string]*corev1.Pod // "del/<uid>" -> last state of a deleted pod
	// tornDown: UIDs of Pods whose teardown ran before their object went (the finalizer of cni.go), so
	// their deletion does not run it again
	tornDown map[string]bool
	presets  map[string]preset // "ns/name" -> seed address, used once
}

// preset: the address and sandbox container ID a seed pod had (cli/test-cluster --presets file).
type preset struct {
	Namespace   string `json:"namespace"`
	Name        string `json:"name"`
	IP          string `json:"ip"`
	ContainerID string `json:"containerID"`
	// IP6 is the seed's IPv6 address of a dual-stack Pod (status.podIPs[1]), or empty
	IP6 string `json:"ip6,omitempty"`
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
	whereabouts := flag.String("whereabouts", "", "path of the Whereabouts CNI IPAM plugin: run it for pods' secondary networks")
	flatFile := flag.String("whereabouts-conf", "", "the Whereabouts flat file (whereabouts.conf) with the kubeconfig it uses")
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
		poolQ:    workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		eipQ:     workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		ovsNode:  *ovsNode,
		gone:     map[string]*corev1.Pod{},
		tornDown: map[string]bool{},
		presets:  map[string]preset{},
	}
	if *whereabouts != "" {
		c.cni = &cniRuntime{plugin: *whereabouts, flatFile: *flatFile}
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

func init() {
	klog.InitFlags(nil)
	_ = os.Setenv("TZ", "UTC")
}
