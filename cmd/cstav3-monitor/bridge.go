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

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge"
	"github.com/spf13/cobra"
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
	client, err := a.connect(ctx, cmd, x.capture)
	if err != nil {
		return err
	}
	defer client.Close()
	dur, _ := cmd.Flags().GetDuration("session-duration")
	p := &printer{w: a.stdout}
	// The metrics are registered before the listeners are announced, so
	// that whoever reads the announcement finds them.
	ready := func(srv *xmlbridge.Server) {
		if x.reg != nil {
			newClientMetrics(x.reg).attach(client)
			x.reg.MustRegister(bridgeCollector{srv})
		}
	}
	stop, err := startBridge(client, users, tlsCfg, dur, a, listen, nul, web, p, ready)
	if err != nil {
		return err
	}
	<-ctx.Done()
	stop()
	return nil
}

// startBridge starts an xmlbridge.Server on the given listeners (empty ones
// are skipped), prints where consumers connect, and returns how to stop it.
func startBridge(client *cstav3.Client, users map[string]string, tlsCfg *tls.Config,
	dur time.Duration, a *app, listen, nul, web string, p *printer, ready func(*xmlbridge.Server)) (stop func(), err error) {
	srv, err := xmlbridge.NewServer(xmlbridge.Config{Client: client, Users: users, TLSConfig: tlsCfg,
		SessionDuration: dur, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	if ready != nil {
		ready(srv)
	}
	var lns []net.Listener
	fail := func(err error) (func(), error) {
		for _, ln := range lns {
			ln.Close()
		}
		srv.Close()
		return nil, err
	}
	for _, l := range []struct {
		addr, what string
		serve      func(net.Listener) error
	}{
		{listen, "ECMA-323 header TCP", srv.ServeHeader},
		{nul, "NUL-terminated TCP", srv.ServeNUL},
		{web, "SOAP over HTTP, POST /csta", srv.ServeSOAP},
	} {
		if l.addr == "" {
			continue
		}
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			return fail(fmt.Errorf("bridge: listen %s: %v", l.addr, err))
		}
		lns = append(lns, ln)
		scheme := ""
		if l.addr == web {
			scheme = "http://"
			if tlsCfg != nil {
				scheme = "https://"
			}
		}
		p.Note(fmt.Sprintf("XML bridge: %s on %s%s", l.what, scheme, ln.Addr()))
		go func() {
			if err := l.serve(ln); err != nil && !errors.Is(err, xmlbridge.ErrServerClosed) &&
				!errors.Is(err, net.ErrClosed) && !errors.Is(err, http.ErrServerClosed) {
				a.logger.Error("bridge listener", "addr", ln.Addr().String(), "err", err)
			}
		}()
	}
	return func() { srv.Close() }, nil
}
