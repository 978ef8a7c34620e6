// The ExternalIPPool part of the stand-in (TEST-ONLY): what Antrea's controller does for Egresses and
// LoadBalancer Services (pkg/controller/externalippool, pkg/controller/egress, pkg/controller/serviceexternalip)
// and what its agent writes into an Egress's status:
//
//   - one allocator per ExternalIPPool, shared by Egresses and Services: a cidr range hands out network+1 ..
//     last (the IPv4 broadcast reserved), a start-end range every address, at most 65,536 per range;
//   - an Egress with spec.externalIPPool and no spec.egressIP gets the lowest free address (JSON merge patch of
//     spec.egressIP), status.egressIP/egressNode (the first Node by name) and the IPAllocated condition; one whose
//     pool does not exist loses its spec.egressIP; a full pool sets IPAllocated=False with Antrea's text;
//   - a LoadBalancer Service with service.antrea.io/external-ip-pool and no status.loadBalancer.ingress gets
//     spec.loadBalancerIP when the pool holds it and it is free (or held only by Services that all carry
//     service.antrea.io/allow-shared-load-balancer-ip: "true"), else the lowest free address; a Service whose pool
//     does not exist loses its ingress;
//   - every pool's status.usage is {used: distinct addresses allocated, total: sum of the ranges' totals},
//     where a /32 counts -1 as in Antrea (antrea#7149).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"sort"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/retry"
	"k8s.io/klog/v2"
)

const (
	annExternalIPPool = "service.antrea.io/external-ip-pool"
	annSharedIP       = "service.antrea.io/allow-shared-load-balancer-ip"
	externalIPsKey    = "external-ips" // one work item: every pool is reconciled at once
)

var (
	externalIPPoolGVR = schema.GroupVersionResource{Group: "crd.antrea.io", Version: "v1beta1", Resource: "externalippools"}
	egressGVR         = schema.GroupVersionResource{Group: "crd.antrea.io", Version: "v1beta1", Resource: "egresses"}
)

// eipRange: one allocator of an ExternalIPPool.
type eipRange struct {
	first     *big.Int
	count     int64 // addresses in the allocator's window (at most maxRangeSize)
	v4        bool
	broadcast *big.Int // reserved (IPv4 cidr), or nil
}

func (r eipRange) total() int64 {
	if r.broadcast != nil {
		return r.count - 1
	}
	return r.count
}

func (r eipRange) allocatable(ip net.IP) bool {
	if (ip.To4() != nil) != r.v4 {
		return false
	}
	i := ipToInt(ip)
	if r.broadcast != nil && i.Cmp(r.broadcast) == 0 {
		return false
	}
	last := new(big.Int).Add(r.first, big.NewInt(r.count-1))
	return r.count > 0 && i.Cmp(r.first) >= 0 && i.Cmp(last) <= 0
}

type eipPool struct {
	name   string
	obj    *unstructured.Unstructured
	ranges []eipRange
}

func parseEIPPool(obj *unstructured.Unstructured) (*eipPool, error) {
	p := &eipPool{name: obj.GetName(), obj: obj}
	ranges, _, _ := unstructured.NestedSlice(obj.Object, "spec", "ipRanges")
	for _, r := range ranges {
		m, _ := r.(map[string]any)
		if cidr, _ := m["cidr"].(string); cidr != "" {
			_, n, err := net.ParseCIDR(cidr)
			if err != nil {
				return nil, fmt.Errorf("invalid cidr %s", cidr)
			}
			ones, bits := n.Mask.Size()
			base := ipToInt(n.IP)
			size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
			hosts := new(big.Int).Sub(size, big.NewInt(1))
			rg := eipRange{first: new(big.Int).Add(base, big.NewInt(1)), v4: n.IP.To4() != nil}
			if hosts.IsInt64() && hosts.Int64() < maxRangeSize {
				rg.count = hosts.Int64()
			} else {
				rg.count = maxRangeSize
			}
			if rg.v4 {
				rg.broadcast = new(big.Int).Sub(new(big.Int).Add(base, size), big.NewInt(1))
			}
			p.ranges = append(p.ranges, rg)
			continue
		}
		s, _ := m["start"].(string)
		e, _ := m["end"].(string)
		start, end := net.ParseIP(s), net.ParseIP(e)
		if start == nil || end == nil {
			return nil, fmt.Errorf("invalid range %s-%s", s, e)
		}
		n := new(big.Int).Sub(ipToInt(end), ipToInt(start))
		n.Add(n, big.NewInt(1))
		rg := eipRange{first: ipToInt(start), v4: start.To4() != nil, count: maxRangeSize}
		if n.IsInt64() && n.Int64() < maxRangeSize {
			rg.count = n.Int64()
		}
		p.ranges = append(p.ranges, rg)
	}
	return p, nil
}

func (p *eipPool) allocatable(ip net.IP) bool {
	for _, r := range p.ranges {
		if r.allocatable(ip) {
			return true
		}
	}
	return false
}

func (p *eipPool) total() int64 {
	var t int64
	for _, r := range p.ranges {
		t += r.total()
	}
	return t
}

// lowestFree: the first range whose count is below its total, its lowest address not taken.
func (p *eipPool) lowestFree(taken map[string]bool) net.IP {
	for _, r := range p.ranges {
		var used int64
		for s := range taken {
			if r.allocatable(net.ParseIP(s)) {
				used++
			}
		}
		if used >= r.total() {
			continue
		}
		for off := int64(0); off < r.count; off++ {
			i := new(big.Int).Add(r.first, big.NewInt(off))
			if r.broadcast != nil && i.Cmp(r.broadcast) == 0 {
				continue
			}
			ip := intToIP(i, r.v4)
			if !taken[ip.String()] {
				return ip
			}
		}
	}
	return nil
}

// eipUser: an Egress or a LoadBalancer Service of a pool.
type eipUser struct {
	egress  *unstructured.Unstructured
	service *corev1.Service
	pool    string
	ip      string
}

func (u eipUser) sharing() bool {
	return u.service != nil && u.service.Annotations[annSharedIP] == "true"
}

func (c *controller) syncExternalIPs(ctx context.Context) error {
	poolList, err := c.dyn.Resource(externalIPPoolGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		if apierrors.IsNotFound(err) {
			return nil // no ExternalIPPool CRD
		}
		return err
	}
	pools := map[string]*eipPool{}
	var names []string
	for i := range poolList.Items {
		p, err := parseEIPPool(&poolList.Items[i])
		if err != nil {
			klog.ErrorS(err, "ExternalIPPool left out", "pool", poolList.Items[i].GetName())
			continue
		}
		pools[p.name] = p
		names = append(names, p.name)
	}
	sort.Strings(names)
	var users []eipUser
	egresses, err := c.dyn.Resource(egressGVR).List(ctx, metav1.ListOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	if egresses != nil {
		sort.Slice(egresses.Items, func(i, j int) bool { return egresses.Items[i].GetName() < egresses.Items[j].GetName() })
		for i := range egresses.Items {
			e := &egresses.Items[i]
			pool, _, _ := unstructured.NestedString(e.Object, "spec", "externalIPPool")
			ip, _, _ := unstructured.NestedString(e.Object, "spec", "egressIP")
			if pool != "" {
				users = append(users, eipUser{egress: e, pool: pool, ip: ip})
			}
		}
	}
	services, err := c.kube.CoreV1().Services("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	sort.Slice(services.Items, func(i, j int) bool {
		return services.Items[i].Namespace+"/"+services.Items[i].Name < services.Items[j].Namespace+"/"+services.Items[j].Name
	})
	for i := range services.Items {
		s := &services.Items[i]
		if s.Spec.Type != corev1.ServiceTypeLoadBalancer || s.Annotations[annExternalIPPool] == "" {
			continue
		}
		ip := ""
		if len(s.Status.LoadBalancer.Ingress) > 0 {
			ip = s.Status.LoadBalancer.Ingress[0].IP
		}
		users = append(users, eipUser{service: s, pool: s.Annotations[annExternalIPPool], ip: ip})
	}
	taken := map[string]map[string]bool{}
	holders := map[string][]eipUser{}
	for _, n := range names {
		taken[n] = map[string]bool{}
	}
	for _, u := range users {
		if p := pools[u.pool]; p != nil && u.ip != "" && p.allocatable(net.ParseIP(u.ip)) {
			taken[u.pool][net.ParseIP(u.ip).String()] = true
			holders[net.ParseIP(u.ip).String()] = append(holders[net.ParseIP(u.ip).String()], u)
		}
	}
	for _, u := range users {
		p := pools[u.pool]
		switch {
		case p == nil && u.egress != nil:
			err = c.setEgress(ctx, u.egress, "", fmt.Sprintf("ExternalIPPool %s does not exist", u.pool))
		case p == nil && u.ip != "":
			err = c.setIngress(ctx, u.service, "")
		case p == nil || u.ip != "":
			continue
		case u.egress != nil:
			ip := p.lowestFree(taken[u.pool])
			if ip == nil {
				err = c.setEgress(ctx, u.egress, "", fmt.Sprintf("error when allocating IP for Egress %s from ExternalIPPool %s: cannot allocate IP in any range", u.egress.GetName(), u.pool))
				break
			}
			taken[u.pool][ip.String()] = true
			err = c.setEgress(ctx, u.egress, ip.String(), "")
		default:
			var ip net.IP
			if want := net.ParseIP(u.service.Spec.LoadBalancerIP); want != nil {
				shared := u.sharing()
				for _, h := range holders[want.String()] {
					shared = shared && h.sharing()
				}
				if p.allocatable(want) && (!taken[u.pool][want.String()] || shared) {
					ip = want
				} else {
					klog.InfoS("ExternalIPPool did not contain the requested IP", "service", u.service.Namespace+"/"+u.service.Name, "ip", want)
					continue
				}
			} else if ip = p.lowestFree(taken[u.pool]); ip == nil {
				klog.InfoS("no free address in ExternalIPPool", "pool", u.pool, "service", u.service.Namespace+"/"+u.service.Name)
				continue
			}
			taken[u.pool][ip.String()] = true
			holders[ip.String()] = append(holders[ip.String()], u)
			err = c.setIngress(ctx, u.service, ip.String())
		}
		if err != nil {
			return err
		}
	}
	for _, n := range names {
		if err := c.setEIPUsage(ctx, pools[n], int64(len(taken[n]))); err != nil {
			return err
		}
	}
	return nil
}

// setEgress writes spec.egressIP (empty: removed) and the status Antrea's controller and agent would write.
func (c *controller) setEgress(ctx context.Context, e *unstructured.Unstructured, ip, failure string) error {
	current, _, _ := unstructured.NestedString(e.Object, "spec", "egressIP")
	if current != ip {
		var v any
		if ip != "" {
			v = ip
		}
		b, _ := json.Marshal(map[string]any{"spec": map[string]any{"egressIP": v}})
		if _, err := c.dyn.Resource(egressGVR).Patch(ctx, e.GetName(), types.MergePatchType, b, metav1.PatchOptions{}); err != nil {
			return err
		}
	}
	cond := map[string]any{"type": "IPAllocated", "status": "True", "reason": "Allocated", "message": "EgressIP is successfully allocated"}
	if failure != "" {
		cond = map[string]any{"type": "IPAllocated", "status": "False", "reason": "AllocationError",
			"message": "Cannot allocate EgressIP from ExternalIPPool: " + failure}
	}
	status := map[string]any{"conditions": []any{cond}}
	if ip != "" {
		status["egressIP"] = ip
		if node := c.firstNode(); node != "" {
			status["egressNode"] = node
		}
	}
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		obj, err := c.dyn.Resource(egressGVR).Get(ctx, e.GetName(), metav1.GetOptions{})
		if err != nil {
			return err
		}
		old, _, _ := unstructured.NestedMap(obj.Object, "status")
		if sameJSON(old, status) {
			return nil
		}
		obj.Object["status"] = status
		_, err = c.dyn.Resource(egressGVR).UpdateStatus(ctx, obj, metav1.UpdateOptions{})
		return err
	})
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func (c *controller) firstNode() string {
	var names []string
	for _, o := range c.nodes.List() {
		names = append(names, o.(*corev1.Node).Name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// setIngress writes status.loadBalancer (empty ip: no ingress) through the status subresource.
func (c *controller) setIngress(ctx context.Context, s *corev1.Service, ip string) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		svc, err := c.kube.CoreV1().Services(s.Namespace).Get(ctx, s.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		svc.Status.LoadBalancer = corev1.LoadBalancerStatus{}
		if ip != "" {
			svc.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: ip}}
		}
		_, err = c.kube.CoreV1().Services(s.Namespace).UpdateStatus(ctx, svc, metav1.UpdateOptions{})
		if err == nil {
			klog.InfoS("LoadBalancer address set", "service", s.Namespace+"/"+s.Name, "ip", ip)
		}
		return err
	})
}

func (c *controller) setEIPUsage(ctx context.Context, p *eipPool, used int64) error {
	gotUsed, _, _ := unstructured.NestedInt64(p.obj.Object, "status", "usage", "used")
	gotTotal, found, _ := unstructured.NestedInt64(p.obj.Object, "status", "usage", "total")
	if found && gotUsed == used && gotTotal == p.total() {
		return nil
	}
	b, _ := json.Marshal(map[string]any{"status": map[string]any{"usage": map[string]any{"used": used, "total": p.total()}}})
	_, err := c.dyn.Resource(externalIPPoolGVR).Patch(ctx, p.name, types.MergePatchType, b, metav1.PatchOptions{}, "status")
	return err
}
