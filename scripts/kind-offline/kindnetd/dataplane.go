package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

const cniConfigPath = "/etc/cni/net.d/10-kindnet.conflist"

type cniRange struct {
	Subnet string `json:"subnet"`
}

// writeCNIConfig writes the conflist kindnetd writes, only when its content changes.
func writeCNIConfig(podCIDRs []string) error {
	ranges := make([][]cniRange, 0, len(podCIDRs))
	for _, c := range podCIDRs {
		ranges = append(ranges, []cniRange{{Subnet: c}})
	}
	conf := map[string]any{
		"cniVersion": "0.3.1",
		"name":       "kindnet",
		"plugins": []any{
			map[string]any{
				"type":   "ptp",
				"ipMasq": false,
				"ipam": map[string]any{
					"type":    "host-local",
					"dataDir": "/run/cni-ipam-state",
					"routes":  []any{map[string]string{"dst": "0.0.0.0/0"}},
					"ranges":  ranges,
				},
				"mtu": 1500,
			},
			map[string]any{"type": "portmap", "capabilities": map[string]bool{"portMappings": true}},
		},
	}
	data, err := json.MarshalIndent(conf, "", "  ")
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(cniConfigPath); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp := cniConfigPath + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, cniConfigPath)
}

func routeVia(cidr, gateway string) error {
	return run("ip", "route", "replace", cidr, "via", gateway)
}

// ensureMasquerade keeps kindnetd's ip-masq-agent chain: POSTROUTING sends every non-local
// destination to KIND-MASQ-AGENT, which returns for the pod network and masquerades the rest.
func ensureMasquerade(podSubnet string) error {
	// Fails when the chain exists already; its rules are checked and rebuilt below.
	_ = exec.Command("iptables", "-t", "nat", "-N", "KIND-MASQ-AGENT").Run()
	jump := []string{"-m", "addrtype", "!", "--dst-type", "LOCAL", "-m", "comment", "--comment",
		"kind-masq-agent: ensure nat POSTROUTING directs all non-LOCAL destination traffic to our custom KIND-MASQ-AGENT chain",
		"-j", "KIND-MASQ-AGENT"}
	if exec.Command("iptables", append([]string{"-t", "nat", "-C", "POSTROUTING"}, jump...)...).Run() != nil {
		if err := run("iptables", append([]string{"-t", "nat", "-A", "POSTROUTING"}, jump...)...); err != nil {
			return err
		}
	}
	want := [][]string{
		{"-d", podSubnet, "-m", "comment", "--comment", "kind-masq-agent: local traffic is not subject to MASQUERADE", "-j", "RETURN"},
		{"-m", "comment", "--comment", "kind-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)", "-j", "MASQUERADE"},
	}
	out, err := exec.Command("iptables", "-t", "nat", "-S", "KIND-MASQ-AGENT").Output()
	if err != nil {
		return fmt.Errorf("iptables -S KIND-MASQ-AGENT: %w", err)
	}
	if strings.Count(string(out), "-A KIND-MASQ-AGENT") == len(want) && strings.Contains(string(out), podSubnet) {
		return nil
	}
	if err := run("iptables", "-t", "nat", "-F", "KIND-MASQ-AGENT"); err != nil {
		return err
	}
	for _, rule := range want {
		if err := run("iptables", append([]string{"-t", "nat", "-A", "KIND-MASQ-AGENT"}, rule...)...); err != nil {
			return err
		}
	}
	return nil
}

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
	return nil
}
