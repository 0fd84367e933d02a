package cstav3

import "strconv"

// Names and parsing of the generated enumerations (enums_gen.go). The names
// are the ASN.1 identifiers, which ECMA-323 uses as XML values.

//go:generate sh -c "python3 ../internal/enumgen/enumgen.py ../testdata/asn1/csta | gofmt > enums_gen.go"

func enumName(names map[int]string, v int, typ string) string {
	if s, ok := names[v]; ok {
		return s
	}
	return typ + "(" + strconv.Itoa(v) + ")"
}

func enumParse[T ~int](names map[T]string, s string) (T, bool) {
	for v, n := range names {
		if n == s {
			return v, true
		}
	}
	return 0, false
}

func (c EventCause) String() string {
	if s, ok := eventCauseNames[c]; ok {
		return s
	}
	return "EventCause(" + strconv.Itoa(int(c)) + ")"
}

// ParseEventCause returns the cause with ASN.1 name s.
func ParseEventCause(s string) (EventCause, bool) { return enumParse(eventCauseNames, s) }

func (s ConnectionState) String() string {
	if n, ok := connectionStateNames[s]; ok {
		return n
	}
	return "ConnectionState(" + strconv.Itoa(int(s)) + ")"
}

// ParseConnectionState returns the state with ASN.1 name s.
func ParseConnectionState(s string) (ConnectionState, bool) {
	return enumParse(connectionStateNames, s)
}

func (s SystemStatus) String() string {
	if n, ok := systemStatusNames[s]; ok {
		return n
	}
	return "SystemStatus(" + strconv.Itoa(int(s)) + ")"
}

// ParseSystemStatus returns the status with ASN.1 name s.
func ParseSystemStatus(s string) (SystemStatus, bool) { return enumParse(systemStatusNames, s) }

func (s SimpleCallState) String() string {
	if n, ok := simpleCallStateNames[s]; ok {
		return n
	}
	return "SimpleCallState(" + strconv.Itoa(int(s)) + ")"
}

// ParseSimpleCallState returns the call state with ASN.1 name s.
func ParseSimpleCallState(s string) (SimpleCallState, bool) {
	return enumParse(simpleCallStateNames, s)
}
