package main

// The CNI runtime part of the stand-in (issue 19.4): for every Pod that asks for secondary networks
// (k8s.v1.cni.cncf.io/networks) it calls the REAL Whereabouts IPAM plugin (built from the Go module proxy
// by cli/test-cluster) the way Multus' delegate plugin would: CNI_COMMAND=ADD with the NAD's plugin
// config on stdin before the Pod becomes Running, CNI_COMMAND=DEL when the Pod is deleted. The addresses
// Whereabouts returns go into k8s.v1.cni.cncf.io/network-status, so the IPPools, their allocations and
// the OverlappingRangeIPReservations in the test cluster are Whereabouts' own.
//
// What differs from a node: no main plugin (macvlan, ...) runs, so nothing is configured in a network
// namespace (CNI_NETNS names one that does not exist; the IPAM plugin never opens it). The node's flat
// file (/etc/cni/net.d/whereabouts.d/whereabouts.conf) is the test cluster's own: the runtime sets the
// IPAM config's configuration_path to it, which Whereabouts reads before the /etc paths.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/klog/v2"
)

const (
	annNetworks      = "k8s.v1.cni.cncf.io/networks"
	annNetworkStatus = "k8s.v1.cni.cncf.io/network-status"
	// annSkipDel: the Pod's CNI DEL is never run, as when its node died before the kubelet could tear the
	// sandbox down (Whereabouts issue #546): its allocations stay, a leak made by Whereabouts itself.
	annSkipDel = "test.ipamctl.io/skip-cni-del"
)

// teardownFinalizer keeps a Pod with Whereabouts networks until its CNI DEL has run, as a kubelet keeps a
// Pod until its sandbox is torn down (finishDeletion then deletes it at once), even when it is deleted with
// --force --grace-period=0. Without it the DEL ran after the Pod was gone, and a test that deleted the Pod and then the Whereabouts pool found
// the pool back: Whereabouts' DEL creates a pool it does not find (storage/kubernetes getPool).
const teardownFinalizer = "test.ipamctl.io/cni-teardown"

var nadGVR = schema.GroupVersionResource{Group: "k8s.cni.cncf.io", Version: "v1", Resource: "network-attachment-definitions"}

// cniRuntime runs one IPAM plugin binary; nil when the stand-in was started without --whereabouts.
type cniRuntime struct {
	plugin   string // path of the whereabouts binary
	flatFile string // the node flat file (whereabouts.conf) every call reads
}

// attachment: one element of the networks annotation.
type attachment struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Interface string `json:"interface"`
}

// parseNetworks reads both forms of k8s.v1.cni.cncf.io/networks (Multus: JSON when the value holds `[`,
// `{` or `"`, else comma-separated `[ns/]name[@ifname]`). Interfaces without a name get net1, net2, ...
// in list order.
func parseNetworks(podNS, v string) ([]attachment, error) {
	var list []attachment
	if strings.ContainsAny(v, `[{"`) {
		if err := json.Unmarshal([]byte(v), &list); err != nil {
			return nil, fmt.Errorf("parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: %v", err)
		}
	} else {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			var a attachment
			if i := strings.LastIndex(item, "@"); i >= 0 {
				a.Interface, item = item[i+1:], item[:i]
			}
			if i := strings.Index(item, "/"); i >= 0 {
				a.Namespace, item = item[:i], item[i+1:]
			}
			a.Name = item
			list = append(list, a)
		}
	}
	for i := range list {
		if list[i].Name == "" {
			return nil, fmt.Errorf("parsePodNetworkAnnotation: network %d has no name", i+1)
		}
		if list[i].Namespace == "" {
			list[i].Namespace = podNS
		}
		if list[i].Interface == "" {
			list[i].Interface = fmt.Sprintf("net%d", i+1)
		}
	}
	return list, nil
}

// delegateConfig: what the main plugin of a NAD hands its IPAM plugin on stdin: the single plugin config,
// or the first element of plugins[] that has an ipam block (with the list's cniVersion and name). ok is
// false when that IPAM is not Whereabouts (no other IPAM plugin runs here).
func delegateConfig(nadName, spec, flatFile string) (conf []byte, ok bool, err error) {
	var top map[string]any
	if err := json.Unmarshal([]byte(spec), &top); err != nil {
		return nil, false, fmt.Errorf("invalid config of network-attachment-definition %s: %v", nadName, err)
	}
	plugin := top
	if plugins, isList := top["plugins"].([]any); isList {
		plugin = nil
		for _, p := range plugins {
			if m, _ := p.(map[string]any); m != nil && m["ipam"] != nil {
				plugin = m
				break
			}
		}
		if plugin == nil {
			return nil, false, nil
		}
		plugin["cniVersion"] = top["cniVersion"]
		if top["name"] != nil {
			plugin["name"] = top["name"]
		}
	}
	if plugin["name"] == nil {
		plugin["name"] = nadName
	}
	ipam, _ := plugin["ipam"].(map[string]any)
	if ipam == nil || ipam["type"] != "whereabouts" {
		return nil, false, nil
	}
	ipam["configuration_path"] = flatFile
	b, err := json.Marshal(plugin)
	return b, true, err
}

// cniResult: the part of a CNI ADD result (any version from 0.3.0) the network-status needs.
type cniResult struct {
	IPs []struct {
		Address string `json:"address"`
	} `json:"ips"`
}

type cniError struct {
	Code    int    `json:"code"`
	Msg     string `json:"msg"`
	Details string `json:"details"`
}

// call runs the plugin once, as a CNI runtime does (environment + stdin), and returns its stdout.
func (r *cniRuntime) call(ctx context.Context, command string, pod *corev1.Pod, cid, ifname string, conf []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.plugin)
	cmd.Env = append(os.Environ(),
		"CNI_COMMAND="+command,
		"CNI_CONTAINERID="+cid,
		"CNI_NETNS=/var/run/netns/cni-"+cid[:12], // never opened by an IPAM plugin
		"CNI_IFNAME="+ifname,
		"CNI_PATH="+filepath.Dir(r.plugin),
		fmt.Sprintf("CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAMESPACE=%s;K8S_POD_NAME=%s;K8S_POD_INFRA_CONTAINER_ID=%s;K8S_POD_UID=%s",
			pod.Namespace, pod.Name, cid, pod.UID),
		"NODENAME="+pod.Spec.NodeName, // Whereabouts' node slices pick the node's slice by this name
	)
	cmd.Stdin = bytes.NewReader(conf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var e cniError
		if json.Unmarshal(out, &e) == nil && e.Msg != "" {
			if e.Details != "" {
				return nil, fmt.Errorf("%s; %s", e.Msg, e.Details)
			}
			return nil, fmt.Errorf("%s", e.Msg)
		}
		return nil, fmt.Errorf("%s %s: %v %s", filepath.Base(r.plugin), command, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// networkStatus is one element of k8s.v1.cni.cncf.io/network-status.
type networkStatus struct {
	Name      string          `json:"name"`
	Interface string          `json:"interface"`
	IPs       []string        `json:"ips,omitempty"`
	Mac       string          `json:"mac"`
	Default   bool            `json:"default,omitempty"`
	DNS       json.RawMessage `json:"dns"`
}

// sandboxError: a secondary network failed: Multus' error (its plugin type goes into the event, not Antrea's).
type sandboxError struct{ msg string }

func (e *sandboxError) Error() string { return e.msg }

// attach runs ADD for every secondary network of the Pod and returns its network-status annotation, or
// "" when the Pod asks for none. podIP is the cluster network's address (the eth0 entry).
func (c *controller) attach(ctx context.Context, pod *corev1.Pod, cid, podIP string) (string, error) {
	v := pod.Annotations[annNetworks]
	if v == "" || c.cni == nil || pod.Spec.HostNetwork {
		return "", nil
	}
	fail := func(format string, a ...any) error {
		return &sandboxError{fmt.Sprintf("[%s/%s/%s]: ", pod.Namespace, pod.Name, cid) + fmt.Sprintf(format, a...)}
	}
	nets, err := parseNetworks(pod.Namespace, v)
	if err != nil {
		return "", fail("%v", err)
	}
	// MACs come from the main plugin, which does not run here: keep those a re-created or seed Pod
	// already records, else derive one from the sandbox and interface
	known := map[string]networkStatus{}
	var old []networkStatus
	_ = json.Unmarshal([]byte(pod.Annotations[annNetworkStatus]), &old)
	for _, s := range old {
		known[s.Interface] = s
	}
	mac := func(ifname string) string {
		if s, ok := known[ifname]; ok && s.Mac != "" {
			return s.Mac
		}
		sum := sha256.Sum256([]byte("mac/" + cid + "/" + ifname))
		return fmt.Sprintf("02:%02x:%02x:%02x:%02x:%02x", sum[0], sum[1], sum[2], sum[3], sum[4])
	}
	empty := json.RawMessage(`{}`)
	status := []networkStatus{{Name: known["eth0"].Name, Interface: "eth0", IPs: []string{podIP}, Mac: mac("eth0"), Default: true, DNS: empty}}
	for _, n := range nets {
		conf, isWA, err := c.nadConfig(ctx, n)
		if err != nil {
			return "", fail("%v", err)
		}
		entry := networkStatus{Name: n.Namespace + "/" + n.Name, Interface: n.Interface, Mac: mac(n.Interface), DNS: empty}
		if isWA {
			out, err := c.cni.call(ctx, "ADD", pod, cid, n.Interface, conf)
			if err != nil {
				return "", fail(`error adding container to network %q: %v`, n.Name, err)
			}
			var res cniResult
			if err := json.Unmarshal(out, &res); err != nil {
				return "", fail("invalid result of %s: %v", filepath.Base(c.cni.plugin), err)
			}
			for _, ip := range res.IPs {
				entry.IPs = append(entry.IPs, strings.SplitN(ip.Address, "/", 2)[0])
			}
			klog.InfoS("whereabouts ADD", "pod", pod.Namespace+"/"+pod.Name, "network", entry.Name, "ifname", n.Interface, "ips", entry.IPs)
		}
		status = append(status, entry)
	}
	b, err := json.Marshal(status)
	return string(b), err
}

// nadConfig reads the NetworkAttachmentDefinition and returns the config its IPAM plugin gets.
func (c *controller) nadConfig(ctx context.Context, n attachment) ([]byte, bool, error) {
	obj, err := c.dyn.Resource(nadGVR).Namespace(n.Namespace).Get(ctx, n.Name, metav1.GetOptions{})
	if err != nil {
		return nil, false, fmt.Errorf("GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a "+
			"network-attachment-definition (%s) in namespace (%s): %v", n.Name, n.Namespace, err)
	}
	spec, _, _ := unstructured.NestedString(obj.Object, "spec", "config")
	return delegateConfig(n.Name, spec, c.cni.flatFile)
}

// detach runs DEL for every Whereabouts network of a deleted Pod (the NAD as it is now: Multus reads its
// cached delegate config, which is the same unless the NAD was edited). Failures are logged, as the
// kubelet does: the Pod is gone either way.
func (c *controller) detach(ctx context.Context, pod *corev1.Pod, cid string) {
	v := pod.Annotations[annNetworks]
	if v == "" || c.cni == nil || pod.Spec.HostNetwork {
		return
	}
	if _, skip := pod.Annotations[annSkipDel]; skip {
		klog.InfoS("CNI DEL skipped (annotation "+annSkipDel+")", "pod", pod.Namespace+"/"+pod.Name)
		return
	}
	nets, err := parseNetworks(pod.Namespace, v)
	if err != nil {
		return
	}
	for _, n := range nets {
		conf, isWA, err := c.nadConfig(ctx, n)
		if err != nil || !isWA {
			if err != nil {
				klog.ErrorS(err, "CNI DEL", "pod", pod.Namespace+"/"+pod.Name, "network", n.Name)
			}
			continue
		}
		if _, err := c.cni.call(ctx, "DEL", pod, cid, n.Interface, conf); err != nil {
			klog.ErrorS(err, "whereabouts DEL", "pod", pod.Namespace+"/"+pod.Name, "network", n.Name)
		} else {
			klog.InfoS("whereabouts DEL", "pod", pod.Namespace+"/"+pod.Name, "network", n.Namespace+"/"+n.Name, "ifname", n.Interface)
		}
	}
}

// attaches: whether the Pod gets secondary networks here, so its deletion must wait for their CNI DEL.
func (c *controller) attaches(pod *corev1.Pod) bool {
	return c.cni != nil && pod.Annotations[annNetworks] != "" && !pod.Spec.HostNetwork
}

func hasTeardownFinalizer(pod *corev1.Pod) bool {
	for _, f := range pod.Finalizers {
		if f == teardownFinalizer {
			return true
		}
	}
	return false
}

// addTeardownFinalizer: set before the first ADD, so even a Pod whose ADD failed is kept until its DEL.
func (c *controller) addTeardownFinalizer(ctx context.Context, pod *corev1.Pod) error {
	b, _ := json.Marshal(map[string]any{"metadata": map[string]any{"finalizers": []string{teardownFinalizer}}})
	_, err := c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, b, metav1.PatchOptions{})
	return err
}

// dropTeardownFinalizer: the DEL has run; the Pod may go (the test ops make the patch fail, not remove
// another finalizer, when the list changed meanwhile, nor a Pod re-created under the same name: the UID
// is tested too; the key is then synced again from the cache).
func (c *controller) dropTeardownFinalizer(ctx context.Context, pod *corev1.Pod) error {
	for i, f := range pod.Finalizers {
		if f != teardownFinalizer {
			continue
		}
		path := fmt.Sprintf("/metadata/finalizers/%d", i)
		b, _ := json.Marshal([]map[string]any{
			{"op": "test", "path": "/metadata/uid", "value": string(pod.UID)},
			{"op": "test", "path": path, "value": f}, {"op": "remove", "path": path},
		})
		_, err := c.kube.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.JSONPatchType, b, metav1.PatchOptions{})
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	}
	return nil
}
