package main

import (
	"net"
	"testing"
)

func TestNodeRangeFullIsHostLocalsText(t *testing.T) {
	for cidr, want := range map[string]string{
		"10.212.0.0/30": "failed to allocate for range 0: no IP addresses available in range set: 10.212.0.1-10.212.0.2",
		"10.211.1.0/24": "failed to allocate for range 0: no IP addresses available in range set: 10.211.1.1-10.211.1.254",
		"fd00:10::/126": "failed to allocate for range 0: no IP addresses available in range set: fd00:10::1-fd00:10::3",
	} {
		_, ipn, err := net.ParseCIDR(cidr)
		if err != nil {
			t.Fatal(err)
		}
		if got := nodeRangeFull(ipn).Error(); got != want {
			t.Errorf("%s: got %q, want %q", cidr, got, want)
		}
	}
}
