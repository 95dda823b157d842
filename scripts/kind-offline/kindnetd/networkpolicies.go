package main

import (
	"log"
	"os"
	"os/exec"
	"time"
)

// superviseNetworkPolicies runs kube-network-policies and restarts it when it exits, with a
// growing pause so that a kernel without nftables queue does not spin.
func superviseNetworkPolicies() {
	pause := 5 * time.Second
	for {
		cmd := exec.Command("kube-network-policies", "--metrics-bind-address=127.0.0.1:19080")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		err := cmd.Run()
		log.Printf("kube-network-policies exited: %v; NetworkPolicies are not enforced on this node until it runs", err)
		time.Sleep(pause)
		if pause < 5*time.Minute {
			pause *= 2
		}
	}
}
