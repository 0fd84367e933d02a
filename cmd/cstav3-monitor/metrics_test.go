package main

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// scrapeValues reads url in the Prometheus text format.
func scrapeValues(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("%s is not in the exposition format: %v", url, err)
	}
	return fams
}

// metricValue is the value of the sample of name whose labels include
// labels ("k=v" each); -1 if there is none.
func metricValue(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, lp := range m.GetLabel() {
			have[lp.GetName()] = lp.GetValue()
		}
		for _, l := range labels {
			k, v, _ := strings.Cut(l, "=")
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Untyped != nil:
			return m.GetUntyped().GetValue()
		}
	}
	return -1
}

func expectMetric(t *testing.T, fams map[string]*dto.MetricFamily, want float64, name string, labels ...string) {
	t.Helper()
	if got := metricValue(fams, name, labels...); got != want {
		t.Errorf("%s%v = %v, want %v", name, labels, got, want)
	}
}

// TestBridgeMetricsValues: the bridge's metrics follow the link, the
// requests, the events and the logins.
func TestBridgeMetricsValues(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "bridge", "--pbx", sim.Addr(), "--listen", "127.0.0.1:0", "--consumer", "app:secret", "--metrics", "127.0.0.1:0")
	addr := bridgeAddr(p)
	url := stderrMatch(t, p, regexp.MustCompile(`metrics on (http://\S+)`))
	c := dialXMLConsumer(t, addr, "app", "secret")
	if st := c.requestSystemStatus(2); st != "normal" {
		c.systemStatusEvent("enabled")
	}
	if name := dialXMLConsumer(t, addr, "app", "secret").login("app", "wrong"); strings.Contains(name, "PosResponse") {
		t.Fatalf("a wrong password answered with %s", name)
	}
	c.send(3, fmt.Appendf(nil, `<MonitorStart xmlns="%s"><monitorObject><deviceObject>100</deviceObject></monitorObject></MonitorStart>`, nsEd3))
	if m := c.reply(3); m.Name != "MonitorStartResponse" {
		t.Fatalf("MonitorStart answered with %s", m.Name)
	}
	if _, err := sim.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	for {
		if _, m := c.next(); m.Name == "ServiceInitiatedEvent" {
			break
		}
	}
	fams := scrapeValues(t, url+"")
	expectMetric(t, fams, 1, "cstav3_link_up")
	expectMetric(t, fams, 1, "cstav3_link_state_changes_total", "state=up")
	expectMetric(t, fams, 1, "cstav3_requests_total", "operation=monitorStart", "outcome=ok")
	expectMetric(t, fams, 1, "cstav3_events_total", "type=serviceInitiated")
	expectMetric(t, fams, 1, "cstav3_bridge_failed_logins_total")
	expectMetric(t, fams, 2, "cstav3_bridge_sessions_started_total")
	expectMetric(t, fams, 0, "cstav3_bridge_consumers_dropped_total", "reason=queue_full")
	expectMetric(t, fams, 0, "cstav3_bridge_throttled_logins_total", "scope=user_ip")
	expectMetric(t, fams, 2, "cstav3_bridge_sessions") // c, and the consumer that then tried a wrong password
	expectMetric(t, fams, 0, "cstav3_bridge_pending_logins")
	expectMetric(t, fams, 0, "cstav3_bridge_refused_connections_total", "reason=pending_logins")

	sim.DropLinks()
	c.systemStatusEvent("disabled")
	c.systemStatusEvent("enabled")
	fams = scrapeValues(t, url)
	expectMetric(t, fams, 1, "cstav3_link_up")
	expectMetric(t, fams, 1, "cstav3_link_state_changes_total", "state=down")
	expectMetric(t, fams, 2, "cstav3_link_state_changes_total", "state=up")
	expectMetric(t, fams, 1, "cstav3_reconnects_total")
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// TestBridgeMetricsLinkDown: cstav3_link_up is 0 while the PBX is
// unreachable.
func TestBridgeMetricsLinkDown(t *testing.T) {
	p := startBin(t, nil, "bridge", "--pbx", freeAddr(t), "--listen", "127.0.0.1:0", "--consumer", "app:secret", "--metrics", "127.0.0.1:0")
	bridgeAddr(p)
	fams := scrapeValues(t, stderrMatch(t, p, regexp.MustCompile(`metrics on (http://\S+)`)))
	expectMetric(t, fams, 0, "cstav3_link_up")
	expectMetric(t, fams, 0, "cstav3_bridge_sessions")
	p.interrupt()
}
