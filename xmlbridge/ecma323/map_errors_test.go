package ecma323

import (
	"encoding/xml"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// TestErrorFields: every universalFailure branch has its element in
// CSTAErrorCode, and a struct that differs from the branches stops the
// program.
func TestErrorFields(t *testing.T) {
	if len(codecErrorFields) != int(cstav3.Unspecified)+1 {
		t.Fatalf("%d branches: %v", len(codecErrorFields), codecErrorFields)
	}
	x := ErrorToXML(&cstav3.Error{Branch: cstav3.PerformanceManagement, Value: 1})
	if x.PerformanceManagement != "generic" || x.Operation != "" || x.Unspecified != nil {
		t.Fatalf("%+v", x)
	}
	if x := ErrorToXML(&cstav3.Error{Branch: 9}); x.Unspecified == nil {
		t.Fatalf("branch 9: %+v", x)
	}
	bad := func(name string, v any) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", name)
			}
		}()
		errorFields(reflect.TypeOf(v))
	}
	type missing struct {
		XMLName   xml.Name
		Operation string `xml:"operation"`
	}
	type unknown struct {
		XMLName xml.Name
		Other   string `xml:"other"`
	}
	type twice struct {
		XMLName   xml.Name
		Operation string `xml:"operation"`
		Again     string `xml:"operation,attr"`
	}
	type kind struct {
		XMLName                        xml.Name
		Operation                      int    `xml:"operation"`
		Security                       string `xml:"security"`
		StateIncompatibility           string `xml:"stateIncompatibility"`
		SystemResourceAvailability     string `xml:"systemResourceAvailability"`
		SubscribedResourceAvailability string `xml:"subscribedResourceAvailability"`
		PerformanceManagement          string `xml:"performanceManagement"`
		PrivateData                    string `xml:"privateData"`
		Unspecified                    *Empty `xml:"unspecified"`
	}
	bad("missing", missing{})
	bad("unknown", unknown{})
	bad("twice", twice{})
	bad("kind", kind{})
	bad("empty", struct{ XMLName xml.Name }{})
}
