package ecma323

import (
	"errors"
	"testing"
)

// FuzzDecodeRequest feeds arbitrary bytes to the decoder, seeded with every
// published sample: it must never panic, every error must wrap one of the
// three sentinels, and a request it accepts must encode again.
func FuzzDecodeRequest(f *testing.F) {
	for _, name := range codecSeedNames(f) {
		f.Add(codecSeed(f, name))
	}
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><MakeCall/>`))
	f.Add([]byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><detail><CSTAErrorCode><operation>generic</operation></CSTAErrorCode></detail></s:Fault></s:Body></s:Envelope>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeRequest(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnknownRequest) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		enc := Encoder{Namespace: m.Namespace}
		if m.UnknownNamespace || m.Namespace == "" {
			enc.Namespace = ""
		}
		if _, err := enc.Append(nil, m.XML); err != nil {
			t.Fatalf("decoded %s does not encode: %v", m.Name, err)
		}
		if m.Argument != nil {
			if _, err := ArgumentToXML(m.Argument, m.CrossRef); err != nil {
				t.Fatalf("argument of %s does not map back: %v", m.Name, err)
			}
		}
	})
}
