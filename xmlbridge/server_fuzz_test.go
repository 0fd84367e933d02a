package xmlbridge

import (
	"context"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// FuzzServeRequest serves arbitrary bytes as one consumer document, as a
// caller without session, with HTTP Basic credentials and with a session,
// against the real client and simulator: it must never panic, and whatever
// it answers must be a well-formed document.
func FuzzServeRequest(f *testing.F) {
	for _, name := range codecSeedNames(f) {
		f.Add(codecSeed(f, name))
	}
	for _, tc := range badDocuments {
		f.Add([]byte(tc.doc))
	}
	f.Add(loginDoc(userECSS, passECSS, 5))
	f.Add([]byte{})

	e := newEnv(f, envOpts{})
	s := e.srv
	login, _ := s.dec.Decode(loginDoc(userECSS, passECSS, 3600))
	ans := s.serveMessage(context.Background(), &caller{tr: SOAPTransport{}}, login, nil)
	m, err := ecma323.Decode(ans.doc)
	if err != nil {
		f.Fatal(err)
	}
	ss := s.lookupSession(&caller{}, m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID)
	callers := []*caller{
		{tr: HeaderTransport{}, ip: "192.0.2.1"},
		{tr: SOAPTransport{}, user: userSnom, ip: "192.0.2.2"},
		{tr: SOAPTransport{}, sess: ss, ip: "192.0.2.3"},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, derr := s.dec.Decode(data)
		for _, cl := range callers {
			ans := s.serveMessage(context.Background(), cl, m, derr)
			if ans.doc == nil {
				continue
			}
			if _, err := ecma323.Decode(ans.doc); err != nil {
				t.Fatalf("answer to %q does not decode: %v\n%s", data, err, ans.doc)
			}
		}
	})
}
