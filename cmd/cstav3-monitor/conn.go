package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/capture"
)

// connFlags adds the flags of a connection to a PBX.
func connFlags(fs interface {
	String(name, value, usage string) *string
	Duration(name string, value time.Duration, usage string) *time.Duration
}) {
	fs.String("pbx", "", "address of the PBX's CSTA interface, HOST:PORT (port 7001 if omitted; OpenScape uses 8800)")
	fs.String("user", hipath.DefaultUser, "user name the PBX authenticates the application with")
	fs.String("password", hipath.DefaultPass, "password the PBX authenticates the application with")
	fs.Duration("timeout", 10*time.Second, "time allowed for connecting and associating, and for each request")
}

// heartbeatFlags adds the link supervision flags of the commands that keep
// a link open (watch, bridge): the client's WithHeartbeat.
func heartbeatFlags(fs interface {
	Int(name string, value int, usage string) *int
	Duration(name string, value time.Duration, usage string) *time.Duration
}) {
	fs.Duration("heartbeat", 30*time.Second, "send SystemStatus to the PBX when the link has been silent this long (0: never)")
	fs.Int("heartbeat-misses", 2, "declare the link dead after this many silent --heartbeat intervals in a row, and reconnect")
}

// heartbeatOption returns the client option of the heartbeat flags, if the
// command has them.
func heartbeatOption(cmd *cobra.Command) ([]cstav3.Option, error) {
	if cmd.Flags().Lookup("heartbeat") == nil {
		return nil, nil
	}
	iv, _ := cmd.Flags().GetDuration("heartbeat")
	misses, _ := cmd.Flags().GetInt("heartbeat-misses")
	if iv < 0 {
		return nil, usageErrorf("--heartbeat must not be negative (0 turns supervision off)")
	}
	if misses < 1 {
		return nil, usageErrorf("--heartbeat-misses must be at least 1")
	}
	return []cstav3.Option{cstav3.WithHeartbeat(iv, misses)}, nil
}

// pbxAddr checks the --pbx flag and adds the HiPath 3000 port if it has none.
func pbxAddr(cmd *cobra.Command) (string, error) {
	addr, _ := cmd.Flags().GetString("pbx")
	if addr == "" {
		return "", usageErrorf("--pbx HOST:PORT is required (or CSTAV3_PBX, or pbx: in cstav3.yaml)")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		// No port: the HiPath 3000 default.
		host, port, err = net.SplitHostPort(addr + ":" + strconv.Itoa(hipath.PortHiPath3000))
		if err != nil {
			return "", usageErrorf("--pbx %q: not a HOST:PORT address", addr)
		}
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		return "", usageErrorf("--pbx %q: bad port %q", addr, port)
	}
	if host == "" {
		return "", usageErrorf("--pbx %q: no host", addr)
	}
	return net.JoinHostPort(host, port), nil
}

// link is how to reach the PBX named by a command's flags.
type link struct {
	addr, user string
	timeout    time.Duration
	dial       func(ctx context.Context) (net.Conn, error)
	opts       []cstav3.Option
}

// pbxLink reads the connection flags, recording the traffic in w if it is
// not nil.
func (a *app) pbxLink(cmd *cobra.Command, w *capture.Writer) (*link, error) {
	addr, err := pbxAddr(cmd)
	if err != nil {
		return nil, err
	}
	user, _ := cmd.Flags().GetString("user")
	password, _ := cmd.Flags().GetString("password")
	timeout, _ := cmd.Flags().GetDuration("timeout")
	if timeout <= 0 {
		return nil, usageErrorf("--timeout must be positive")
	}
	hb, err := heartbeatOption(cmd)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	dial := func(ctx context.Context) (net.Conn, error) {
		if w != nil {
			return w.Dial(ctx, &d, "tcp", addr)
		}
		return d.DialContext(ctx, "tcp", addr)
	}
	opts := append(hipath.Options(nil),
		hipath.WithAuth(user, password),
		cstav3.WithDialer(dial),
		cstav3.WithLogger(a.logger),
		cstav3.WithTimeouts(timeout, 2*time.Second, timeout),
	)
	return &link{addr: addr, user: user, timeout: timeout, dial: dial, opts: append(opts, hb...)}, nil
}

// connect dials the PBX named by the command's flags and associates,
// recording the traffic in w if it is not nil. Its errors say what went
// wrong in words a user acts on.
func (a *app) connect(ctx context.Context, cmd *cobra.Command, w *capture.Writer, opts ...cstav3.Option) (*cstav3.Client, error) {
	lk, err := a.pbxLink(cmd, w)
	if err != nil {
		return nil, err
	}
	return lk.connect(ctx, opts...)
}

func (lk *link) connect(ctx context.Context, opts ...cstav3.Option) (*cstav3.Client, error) {
	cctx, cancel := context.WithTimeout(ctx, lk.timeout)
	defer cancel()
	conn, err := lk.dial(cctx)
	if err != nil {
		return nil, explainConnect(err, lk.addr, lk.user, lk.timeout)
	}
	c, err := cstav3.Connect(cctx, conn, append(lk.opts, opts...)...)
	if err != nil {
		// The library's "no association response" error is not exported;
		// a failure at the deadline is the timeout.
		if d, ok := cctx.Deadline(); ok && !time.Now().Before(d) && !errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
		}
		return nil, explainConnect(err, lk.addr, lk.user, lk.timeout)
	}
	return c, nil
}

// explainConnect turns a failure to reach or associate with the PBX into a
// message that says what to check.
func explainConnect(err error, addr, user string, timeout time.Duration) error {
	var dnsErr *net.DNSError
	var ae *cstav3.AssociationError
	switch {
	case errors.Is(err, cstav3.ErrAuthFailed):
		return fmt.Errorf("authentication failed: the PBX at %s rejected user %q with this password "+
			"(set --user and --password, CSTAV3_USER/CSTAV3_PASSWORD or user:/password: in cstav3.yaml; HiPath's default is %s/%s)",
			addr, user, hipath.DefaultUser, hipath.DefaultPass)
	case errors.As(err, &ae):
		return fmt.Errorf("the PBX at %s refused the CSTA association (%s: %s); is this the CSTA Phase III interface?",
			addr, ae.Result, ae.Diagnostic)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("connection refused by %s: nothing listens there; check the address and that the PBX's CSTA interface is enabled "+
			"(HiPath 3000 listens on %d, OpenScape Office/Business on %d)", addr, hipath.PortHiPath3000, hipath.PortOpenScape)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("cannot resolve the PBX address %s: %v", addr, dnsErr)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return fmt.Errorf("cannot reach %s: %v", addr, err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("no answer from %s within %s: wrong address, a firewall, or not a CSTA interface", addr, timeout)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("the PBX at %s closed the connection during the association: is this its CSTA Phase III (ASN.1) port? (%v)", addr, err)
	case errors.Is(err, context.Canceled):
		return &exitError{code: exitOK}
	}
	return fmt.Errorf("cannot connect to %s: %v", addr, err)
}

// explainRequest turns the failure of a request into a message.
func explainRequest(op string, err error) error {
	var ce *cstav3.Error
	var re *cstav3.RejectError
	switch {
	case errors.As(err, &ce):
		if ce.Branch == cstav3.Unspecified {
			return fmt.Errorf("%s failed: CSTA error %s", op, ce.Branch)
		}
		return fmt.Errorf("%s failed: CSTA error %s: %s", op, ce.Branch, ce.Name())
	case errors.As(err, &re):
		return fmt.Errorf("%s was rejected by the PBX (ROSE %s): the PBX does not support it or could not decode it", op, re.Problem)
	case errors.Is(err, cstav3.ErrLinkDown):
		return fmt.Errorf("%s failed: the link to the PBX is down", op)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s failed: no answer from the PBX in time", op)
	}
	return fmt.Errorf("%s failed: %v", op, err)
}

// outcome is the metrics label of a request's result.
func outcome(err error) string {
	var ce *cstav3.Error
	var re *cstav3.RejectError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &ce):
		return "csta_error"
	case errors.As(err, &re):
		return "rejected"
	case errors.Is(err, cstav3.ErrLinkDown):
		return "link_down"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "error"
}
