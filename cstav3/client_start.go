package cstav3

import "errors"

// Start returns a client whose link is not up yet: it dials (with the
// dialer of WithDialer, which it requires) and associates in the
// background, at once and then with the reconnection backoff, until it
// succeeds; from then on it behaves as a client of Dial. A daemon uses it
// to serve while the switch is unreachable: requests fail with ErrLinkDown
// and State reports LinkDown until the first LinkUp. The one failure that
// ends the attempts is a rejected password (ErrAuthFailed) before the first
// association: the client closes and reports LinkClosed with that error,
// since dialling again would be refused again.
func Start(opts ...Option) (*Client, error) {
	c := newClient(opts)
	if c.cfg.dial == nil {
		c.cancel()
		return nil, errors.New("cstav3: Start needs WithDialer")
	}
	c.run(nil)
	return c, nil
}
