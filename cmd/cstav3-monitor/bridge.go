package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge"
)

// newBridgeCmd runs the ECMA-323 XML bridge: one CSTA link to the PBX
// shared by XML consumers on up to three transports.
func newBridgeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bridge --pbx HOST:PORT --listen HOST:PORT …",
		Short: "Serve the PBX to ECMA-323 XML CSTA consumers",
		Long: `Run the XML bridge: one CSTA Phase III link to the PBX, shared by any number of
ECMA-323 XML consumers, who log in with StartApplicationSession (or HTTP Basic
auth for SOAP requests) as one of the configured users.

Transports, each on its own listener, any subset:
  --listen      TCP with the ECMA-323 8-byte header (ECSS-10 style; events carry invoke id 9999)
  --listen-nul  TCP with NUL-terminated XML documents (uni-tel style)
  --http        SOAP 1.1 over HTTP POST /csta (snom style); GET /csta streams a session's events

Consumer users come from --consumer NAME:PASSWORD (repeatable) and --users FILE
(one NAME:PASSWORD per line; a password may be "sha256:<hex>"). --user and
--password are the PBX's credentials, as for the other commands.`,
		Example: `  cstav3-monitor bridge --pbx 10.0.0.5:7001 --listen 127.0.0.1:4711 --consumer app:secret
  cstav3-monitor bridge --pbx 10.0.0.5 --http 127.0.0.1:8080 --users users.txt --tls-cert c.pem --tls-key k.pem`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBridge(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	connFlags(f)
	heartbeatFlags(f)
	f.String("listen", "", "HOST:PORT for consumers using the ECMA-323 header framing")
	f.String("listen-nul", "", "HOST:PORT for consumers using NUL-terminated documents")
	f.String("http", "", "HOST:PORT for SOAP consumers (POST /csta)")
	f.StringArray("consumer", nil, "a consumer login, NAME:PASSWORD (repeatable)")
	f.String("users", "", "file of consumer logins, NAME:PASSWORD per line")
	f.String("tls-cert", "", "certificate (PEM) for TLS on every listener")
	f.String("tls-key", "", "private key (PEM) of --tls-cert")
	f.Duration("session-duration", 300*time.Second, "session duration granted when a consumer asks for none")
	f.String("capture", "", "write the PBX link traffic to this pcap file")
	f.String("metrics", "", "serve Prometheus metrics on HOST:PORT/metrics")
	return cmd
}

// bridgeUsers reads the consumer logins of the flags.
func bridgeUsers(a *app, cmd *cobra.Command) (map[string]string, error) {
	users := map[string]string{}
	add := func(line, where string) error {
		name, pass, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || name == "" || pass == "" {
			// The line is not quoted: it may be a password without its name.
			return usageErrorf("%s: an entry is not NAME:PASSWORD (a non-empty name, a colon, a non-empty password)", where)
		}
		users[name] = pass
		return nil
	}
	list, _ := cmd.Flags().GetStringArray("consumer")
	for _, u := range list {
		if err := add(u, "--consumer"); err != nil {
			return nil, err
		}
	}
	if path := a.str(cmd, "users"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, usageErrorf("--users: %v", err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if err := add(line, fmt.Sprintf("%s:%d", path, n)); err != nil {
				return nil, err
			}
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	if len(users) == 0 {
		return nil, usageErrorf("no consumer login: give --consumer NAME:PASSWORD or --users FILE")
	}
	return users, nil
}

func runBridge(ctx context.Context, a *app, cmd *cobra.Command) error {
	listen, nul, web := a.str(cmd, "listen"), a.str(cmd, "listen-nul"), a.str(cmd, "http")
	if listen == "" && nul == "" && web == "" {
		return usageErrorf("give at least one of --listen, --listen-nul, --http")
	}
	users, err := bridgeUsers(a, cmd)
	if err != nil {
		return err
	}
	var tlsCfg *tls.Config
	if cert, key := a.str(cmd, "tls-cert"), a.str(cmd, "tls-key"); cert != "" || key != "" {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return usageErrorf("--tls-cert/--tls-key: %v", err)
		}
		tlsCfg = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	}
	x, err := a.startExtras(cmd)
	if err != nil {
		return err
	}
	defer x.close()
	lk, err := a.pbxLink(cmd, x.capture)
	if err != nil {
		return err
	}
	// The listeners are bound before the PBX is dialled: a port in use
	// costs no association.
	lns, err := listenBridge(listen, nul, web, tlsCfg != nil)
	if err != nil {
		return err
	}
	// A daemon starts without the PBX: consumers are served (SystemStatus
	// disabled) while the client keeps dialling. Only a rejected password
	// ends it.
	var m *clientMetrics
	if x.reg != nil {
		m = newClientMetrics(x.reg)
	}
	client, err := cstav3.Start(append(lk.opts, m.observer()...)...)
	if err != nil {
		closeListeners(lns)
		return err
	}
	defer client.Close()
	rejected := make(chan error, 1)
	go func() {
		for ev := range client.LinkStates() {
			if ev.State == cstav3.LinkClosed && ev.Err != nil {
				rejected <- explainConnect(ev.Err, lk.addr, lk.user, lk.timeout)
				return
			}
		}
	}()
	dur, _ := cmd.Flags().GetDuration("session-duration")
	p := &printer{w: a.stdout}
	// The metrics are registered before the listeners are announced, so
	// that whoever reads the announcement finds them.
	ready := func(srv *xmlbridge.Server) {
		if x.reg != nil {
			m.attach(client)
			x.reg.MustRegister(bridgeCollector{srv})
		}
	}
	stop, err := serveBridge(client, users, tlsCfg, dur, a, lns, p, ready)
	if err != nil {
		return err
	}
	defer stop()
	select {
	case <-ctx.Done():
		return nil
	case err := <-rejected:
		return err
	}
}

// bridgeListener is a bound listener of one consumer transport.
type bridgeListener struct {
	ln     net.Listener
	what   string
	scheme string
	tr     xmlbridge.Transport
}

// listenBridge binds the listeners of the given addresses (empty ones are
// skipped).
func listenBridge(listen, nul, web string, secure bool) ([]bridgeListener, error) {
	var lns []bridgeListener
	for _, l := range []struct {
		addr, what string
		tr         xmlbridge.Transport
	}{
		{listen, "ECMA-323 header TCP", xmlbridge.HeaderTransport{}},
		{nul, "NUL-terminated TCP", xmlbridge.NULTransport{}},
		{web, "SOAP over HTTP, POST /csta", xmlbridge.SOAPTransport{}},
	} {
		if l.addr == "" {
			continue
		}
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			closeListeners(lns)
			return nil, fmt.Errorf("bridge: listen %s: %v", l.addr, err)
		}
		scheme := ""
		if l.addr == web {
			scheme = "http://"
			if secure {
				scheme = "https://"
			}
		}
		lns = append(lns, bridgeListener{ln: ln, what: l.what, scheme: scheme, tr: l.tr})
	}
	return lns, nil
}

func closeListeners(lns []bridgeListener) {
	for _, l := range lns {
		l.ln.Close()
	}
}

// startBridge binds the given listeners and serves them (see serveBridge).
func startBridge(client *cstav3.Client, users map[string]string, tlsCfg *tls.Config,
	dur time.Duration, a *app, listen, nul, web string, p *printer, ready func(*xmlbridge.Server)) (stop func(), err error) {
	lns, err := listenBridge(listen, nul, web, tlsCfg != nil)
	if err != nil {
		return nil, err
	}
	return serveBridge(client, users, tlsCfg, dur, a, lns, p, ready)
}

// serveBridge starts an xmlbridge.Server on lns, prints where consumers
// connect, and returns how to stop it. It owns lns, even when it fails.
func serveBridge(client *cstav3.Client, users map[string]string, tlsCfg *tls.Config,
	dur time.Duration, a *app, lns []bridgeListener, p *printer, ready func(*xmlbridge.Server)) (stop func(), err error) {
	srv, err := xmlbridge.NewServer(xmlbridge.Config{Client: client, Users: users, TLSConfig: tlsCfg,
		SessionDuration: dur, Logger: a.logger})
	if err != nil {
		closeListeners(lns)
		return nil, err
	}
	if ready != nil {
		ready(srv)
	}
	for _, l := range lns {
		p.Note(fmt.Sprintf("XML bridge: %s on %s%s", l.what, l.scheme, l.ln.Addr()))
		go func() {
			if err := srv.Serve(l.ln, l.tr); err != nil && !errors.Is(err, xmlbridge.ErrServerClosed) &&
				!errors.Is(err, net.ErrClosed) && !errors.Is(err, http.ErrServerClosed) {
				a.logger.Error("bridge listener", "addr", l.ln.Addr().String(), "err", err)
			}
		}()
	}
	return func() { srv.Close() }, nil
}
