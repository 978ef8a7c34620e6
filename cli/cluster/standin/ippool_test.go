package main

import (
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// testPool builds an IPPool object as the API server returns it.
func testPool(t *testing.T, name, gateway string, prefix int64, ranges []any, entries ...any) *pool {
	t.Helper()
	obj := &unstructured.Unstructured{Object: map[string]any{
		"metadata": map[string]any{"name": name},
		"spec": map[string]any{
			"ipRanges":   ranges,
			"subnetInfo": map[string]any{"gateway": gateway, "prefixLength": prefix},
		},
	}}
	if len(entries) > 0 {
		obj.Object["status"] = map[string]any{"ipAddresses": entries}
	}
	p, err := parsePool(obj)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func entry(ip, ns, name, cid string) any {
	return map[string]any{"ipAddress": ip, "phase": "Allocated",
		"owner": map[string]any{"pod": map[string]any{"namespace": ns, "name": name, "containerID": cid}}}
}

func TestCidrRangeSkipsNetworkGatewayAndBroadcastOfTheWholeSubnet(t *testing.T) {
	p := testPool(t, "p", "10.0.0.1", 29, []any{map[string]any{"cidr": "10.0.0.0/29"}})
	// .0 network, .1 gateway, .7 broadcast: .2-.6
	if got := p.total(); got != 5 {
		t.Fatalf("total = %d, want 5", got)
	}
	if got := p.lowestFree().String(); got != "10.0.0.2" {
		t.Fatalf("lowest free = %s, want 10.0.0.2", got)
	}
}

func TestStartEndRangeHandsOutEveryAddress(t *testing.T) {
	p := testPool(t, "p", "10.0.0.1", 24, []any{map[string]any{"start": "10.0.0.10", "end": "10.0.0.12"}},
		entry("10.0.0.10", "ns", "a", "c1"))
	if got := p.total(); got != 3 {
		t.Fatalf("total = %d, want 3", got)
	}
	if got := p.lowestFree().String(); got != "10.0.0.11" {
		t.Fatalf("lowest free = %s, want 10.0.0.11", got)
	}
}

func TestPickAddressUsesTheFirstPoolWithAFreeAddress(t *testing.T) {
	full := testPool(t, "full", "10.0.0.1", 24, []any{map[string]any{"start": "10.0.0.10", "end": "10.0.0.10"}},
		entry("10.0.0.10", "ns", "a", "c1"))
	next := testPool(t, "next", "10.0.1.1", 24, []any{map[string]any{"start": "10.0.1.10", "end": "10.0.1.11"}})
	target, ip, err := pickAddress([]*pool{full, next}, []string{"full", "next"}, "ns", "b", "c2", "")
	if err != nil || target != next || ip != "10.0.1.10" {
		t.Fatalf("got %v %s %v, want next 10.0.1.10", target, ip, err)
	}
	// the Pod's own entry (same sandbox) is kept, no new entry
	target, ip, err = pickAddress([]*pool{full, next}, []string{"full", "next"}, "ns", "a", "c1", "")
	if err != nil || target != nil || ip != "10.0.0.10" {
		t.Fatalf("got %v %s %v, want its own 10.0.0.10", target, ip, err)
	}
}

func TestPickAddressErrorsAreAntreas(t *testing.T) {
	one := testPool(t, "one", "10.0.0.1", 24, []any{map[string]any{"start": "10.0.0.10", "end": "10.0.0.10"}},
		entry("10.0.0.10", "ns", "a", "c1"))
	other := testPool(t, "other", "10.0.1.1", 24, []any{map[string]any{"cidr": "10.0.1.0/24"}})
	for _, tc := range []struct {
		pools  []*pool
		podIPs string
		want   string
	}{
		{nil, "", "no valid IPPool found for configured pools: [one]"},
		{[]*pool{one}, "", "failed to allocate IPv4 address for Pod ns/b: all IPPools exhausted"},
		{[]*pool{one}, "10.0.0.10", "IP 10.0.0.10 is already allocated"},
		{[]*pool{one}, "10.0.0.11", "IP 10.0.0.11 does not belong to IP pool one"},
		{[]*pool{other}, "10.0.1.1", "IP 10.0.1.1 is reserved and not available for allocation"},
		{[]*pool{one}, "10.0.0.11,10.0.0.12", `multiple IPv4 addresses in ipam.antrea.io/pod-ips annotation "10.0.0.11,10.0.0.12"`},
		{[]*pool{one, other}, "10.0.1.5", "multiple IPv4 IPPools configured with requested IPv4 address(es) [10.0.1.5]; configured IPv4 " +
			"IPPools (2): [one, other]; specifying an IP restricts the selection to exactly one IPPool of that corresponding IP family"},
	} {
		_, _, err := pickAddress(tc.pools, []string{"one"}, "ns", "b", "c2", tc.podIPs)
		if err == nil || err.Error() != tc.want {
			t.Errorf("podIPs %q: got %v, want %q", tc.podIPs, err, tc.want)
		}
	}
}

func TestSandboxMessageIsContainerdsWrappingOfThePlugin(t *testing.T) {
	_, _, err := pickAddress(nil, []string{"x"}, "ns", "b", "c", "")
	want := `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "c1": ` +
		`plugin type="antrea" name="antrea" failed (add): no valid IPPool found for configured pools: [x]`
	if got := sandboxMessage("c1", err); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	want = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "c1": ` +
		`plugin type="multus" name="multus-cni-network" failed (add): [ns/p/c1]: boom`
	if got := sandboxMessage("c1", &sandboxError{"[ns/p/c1]: boom"}); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
