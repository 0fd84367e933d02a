package cstav3

import "time"

// DefaultHealthyLink is how long a link must stay up before the
// reconnection backoff starts again from its minimum (see WithHealthyLink).
const DefaultHealthyLink = 30 * time.Second

// WithHealthyLink sets how long a re-established link must stay up before
// its loss counts as a new failure: the reconnection backoff restarts from
// its minimum only then, and otherwise goes on growing from where it was.
// A switch that accepts the association and breaks the link at once (a bad
// frame, an ABRT) is therefore dialled ever more slowly, up to the backoff's
// maximum, instead of being re-associated — with every MonitorStart — several
// times a second. The default is DefaultHealthyLink; 0 restarts the backoff
// after every successful association.
func WithHealthyLink(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			d = 0
		}
		c.healthyLink = &d
	}
}

// healthyAfter is the configured WithHealthyLink duration.
func (c *config) healthyAfter() time.Duration {
	if c.healthyLink == nil {
		return DefaultHealthyLink
	}
	return *c.healthyLink
}
