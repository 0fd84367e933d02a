package cstav3

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
)

// WithTLS makes the client speak TLS to the switch (an OpenScape Business
// with CSTA over TLS, or a HiPath behind a TLS terminating proxy): every
// connection, the first that Dial opens and each reconnection, is the
// dialer's TCP connection wrapped in a TLS client handshake with cfg. A
// reconnection's handshake is bounded by the association timeout, the
// first by Dial's context.
//
// It wraps the dialer in force when it is applied: Dial's own, or that of a
// WithDialer given before it. When cfg has no ServerName, the certificate is
// verified against the host the connection reached (its IP address, since
// the dialer does not say which name it dialled): set ServerName for a
// certificate that names the switch by host name. Connect uses the
// connection it is given as it is.
func WithTLS(cfg *tls.Config) Option {
	return func(c *config) {
		inner := c.dial
		if inner == nil {
			return // Dial applies the options again once it has its dialer
		}
		c.dial = func(ctx context.Context) (net.Conn, error) {
			conn, err := inner(ctx)
			if err != nil {
				return nil, err
			}
			tc := cfg.Clone()
			if tc.ServerName == "" {
				if host, _, err := net.SplitHostPort(conn.RemoteAddr().String()); err == nil {
					tc.ServerName = host
				}
			}
			tconn := tls.Client(conn, tc)
			hctx := ctx
			if d := c.associateTimeout; d > 0 {
				var cancel context.CancelFunc
				hctx, cancel = context.WithTimeout(ctx, d)
				defer cancel()
			}
			if err := tconn.HandshakeContext(hctx); err != nil {
				conn.Close()
				return nil, fmt.Errorf("cstav3: TLS handshake with %s: %w", conn.RemoteAddr(), err)
			}
			return tconn, nil
		}
	}
}
