// Command kindnetd is kubelab's stand-in for kind's kindnetd, used only in the offline node
// image (kind's own kindnetd module is not served by the Go module proxy). It does what the
// labs rely on, the way kindnetd does it:
//   - writes /etc/cni/net.d/10-kindnet.conflist: ptp + host-local over the node's podCIDR, portmap;
//   - routes every other node's podCIDR via that node's InternalIP;
//   - masquerades traffic that leaves the pod network (iptables nat chain KIND-MASQ-AGENT);
//   - enforces NetworkPolicy with sigs.k8s.io/kube-network-policies (the engine kindnetd embeds),
//     run as a child process; where the kernel lacks nftables queue it fails, and says so in
//     this pod's log, as kindnetd does.
//
// It reconciles every 10 seconds and on node changes.
package main

import (
	"context"
	"log"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

func main() {
	config, err := rest.InClusterConfig()
	if err != nil {
		log.Fatalf("in-cluster config: %v", err)
	}
	client := kubernetes.NewForConfigOrDie(config)
	hostIP := os.Getenv("HOST_IP")
	podSubnet := os.Getenv("POD_SUBNET")
	if hostIP == "" || podSubnet == "" {
		log.Fatal("HOST_IP and POD_SUBNET must be set")
	}
	ctx := context.Background()
	go superviseNetworkPolicies()

	for {
		if err := reconcile(ctx, client, hostIP, podSubnet); err != nil {
			log.Printf("reconcile: %v", err)
		}
		time.Sleep(10 * time.Second)
	}
}

func reconcile(ctx context.Context, client kubernetes.Interface, hostIP, podSubnet string) error {
	nodes, err := client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	for i := range nodes.Items {
		node := &nodes.Items[i]
		ip := internalIP(node)
		if ip == "" || len(node.Spec.PodCIDRs) == 0 {
			continue
		}
		if ip == hostIP {
			if err := writeCNIConfig(node.Spec.PodCIDRs); err != nil {
				return err
			}
			continue
		}
		for _, cidr := range node.Spec.PodCIDRs {
			if err := routeVia(cidr, ip); err != nil {
				return err
			}
		}
	}
	return ensureMasquerade(podSubnet)
}

func internalIP(node *corev1.Node) string {
	for _, a := range node.Status.Addresses {
		if a.Type == corev1.NodeInternalIP {
			return a.Address
		}
	}
	return ""
}
