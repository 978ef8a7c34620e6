package main

import (
	"reflect"
	"testing"
)

func TestParseNetworksTextAndJSON(t *testing.T) {
	got, err := parseNetworks("ns", "macvlan-conf, other/b@eth5,c")
	want := []attachment{{"ns", "macvlan-conf", "net1"}, {"other", "b", "eth5"}, {"ns", "c", "net3"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v %v, want %v", got, err, want)
	}
	got, err = parseNetworks("ns", `[{"name":"a"},{"name":"b","namespace":"x","interface":"ext0"}]`)
	want = []attachment{{"ns", "a", "net1"}, {"x", "b", "ext0"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v %v, want %v", got, err, want)
	}
	if _, err := parseNetworks("ns", `[{"namespace":"x"}]`); err == nil {
		t.Fatal("a network without a name must fail")
	}
}

func TestDelegateConfigIsThePluginWithTheListsVersionAndName(t *testing.T) {
	conf, ok, err := delegateConfig("nad", `{"cniVersion":"0.3.1","name":"list","plugins":[{"type":"tuning"},`+
		`{"type":"macvlan","ipam":{"type":"whereabouts","range":"10.1.0.0/24"}}]}`, "/flat.conf")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := `{"cniVersion":"0.3.1","ipam":{"configuration_path":"/flat.conf","range":"10.1.0.0/24","type":"whereabouts"},"name":"list","type":"macvlan"}`
	if string(conf) != want {
		t.Fatalf("got %s\nwant %s", conf, want)
	}
	conf, ok, _ = delegateConfig("nad", `{"cniVersion":"1.0.0","type":"macvlan","ipam":{"type":"whereabouts","range":"10.1.0.0/24"}}`, "/f")
	if !ok || string(conf) != `{"cniVersion":"1.0.0","ipam":{"configuration_path":"/f","range":"10.1.0.0/24","type":"whereabouts"},"name":"nad","type":"macvlan"}` {
		t.Fatalf("single plugin: %s", conf)
	}
	if _, ok, err := delegateConfig("nad", `{"type":"macvlan","ipam":{"type":"host-local"}}`, "/f"); ok || err != nil {
		t.Fatal("host-local is not run here", ok, err)
	}
	if _, _, err := delegateConfig("nad", `{`, "/f"); err == nil {
		t.Fatal("invalid JSON must fail")
	}
}
