package main

// Antrea IPPools: ranges, reserved addresses, lowest free address, status entries and usage.

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/retry"
)

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

// cidrSpan: a cidr range's network address, its number of addresses and its prefix length.
func cidrSpan(cidr string) (base, size *big.Int, ones int, v4 bool, err error) {
	_, n, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, nil, 0, false, fmt.Errorf("invalid cidr %s", cidr)
	}
	ones, bits := n.Mask.Size()
	return ipToInt(n.IP), new(big.Int).Lsh(big.NewInt(1), uint(bits-ones)), ones, n.IP.To4() != nil, nil
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
			base, size, ones, v4, err := cidrSpan(cidr)
			if err != nil {
				return nil, err
			}
			last := new(big.Int).Sub(new(big.Int).Add(base, size), big.NewInt(1))
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
