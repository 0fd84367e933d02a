package ecma323

import (
	"encoding/xml"
	"strings"
)

// Types shared by events, requests and responses. Field order is the order
// of the ASN.1 SEQUENCE, which ECMA-323 keeps; element names are the ASN.1
// identifiers.

// Extensions is CSTACommonArguments: a timestamp and other security data,
// and private data.
type Extensions struct {
	Security    *Security    `xml:"security,omitempty"`
	PrivateData *PrivateData `xml:"privateData,omitempty"`
}

// Security is CSTASecurityData. Timestamp is an xsd:dateTime, without a zone
// when the switch gave none (HiPath's local time). SecurityInfo is the hex of
// the encoded securityInfo element.
type Security struct {
	MessageSequenceNumber *int64 `xml:"messageSequenceNumber,omitempty"`
	Timestamp             string `xml:"timestamp,omitempty"`
	SecurityInfo          string `xml:"securityInfo,omitempty"`
}

// PrivateData is CSTAPrivateData. A string item is text, as ECSS-10 writes
// it (seed 000: release_initiator=system;). Private holds vendor XML as
// received; private data of the switch that is not text is written there as
// the hex of its BER element.
type PrivateData struct {
	Strings []string     `xml:"string"`
	Private []PrivateXML `xml:"private"`
}

// PrivateXML is the content of a private element, kept as XML. It is
// written as it is; it is read by re-encoding the element's tokens, so that
// namespaces come out declared where they are used (the Decoder guards the
// token stream, which leaves encoding/xml's innerxml empty).
type PrivateXML struct {
	Inner string `xml:",innerxml"`
}

// UnmarshalXML keeps the element's content as XML text.
func (p *PrivateXML) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var b strings.Builder
	e := xml.NewEncoder(&b)
	for depth := 0; ; {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			attrs := t.Attr[:0:0]
			for _, a := range t.Attr {
				if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					attrs = append(attrs, a)
				}
			}
			t.Attr = attrs
			tok = t
		case xml.EndElement:
			if depth == 0 {
				if err := e.Flush(); err != nil {
					return err
				}
				p.Inner = b.String()
				return nil
			}
			depth--
		case xml.Comment, xml.ProcInst, xml.Directive:
			continue
		}
		if err := e.EncodeToken(xml.CopyToken(tok)); err != nil {
			return err
		}
	}
}

// CallLinkageData links the parts of a call across switching sub-domains.
// The linkage ids are hex.
type CallLinkageData struct {
	GlobalCallData GlobalCallData `xml:"globalCallData"`
	ThreadData     *ThreadData    `xml:"threadData,omitempty"`
}

// GlobalCallData is the global part of CallLinkageData.
type GlobalCallData struct {
	SubDomainName string        `xml:"globalCallSwitchingSubDomainName,omitempty"`
	LinkageID     GlobalLinkage `xml:"globalCallLinkageID"`
	Timestamp     string        `xml:"callLinkageIDTimestamp,omitempty"`
}

// GlobalLinkage is the GlobalCallLinkageID choice.
type GlobalLinkage struct {
	SubDomain      string `xml:"subDomainCallLinkageID,omitempty"`
	GloballyUnique string `xml:"globallyUniqueCallLinkageID,omitempty"`
}

// ThreadData is the thread part of CallLinkageData.
type ThreadData struct {
	SubDomainName string        `xml:"threadSwitchingSubDomainName,omitempty"`
	LinkageID     ThreadLinkage `xml:"threadLinkageID"`
	Timestamp     string        `xml:"threadIDTimeStamp,omitempty"`
}

// ThreadLinkage is the ThreadLinkageID choice.
type ThreadLinkage struct {
	SubDomain      string `xml:"subDomainThreadID,omitempty"`
	GloballyUnique string `xml:"globallyUniqueThreadID,omitempty"`
}

// CallLinkageDataList is the linkage of a call made by joining two.
type CallLinkageDataList struct {
	New CallLinkageData `xml:"newCallLinkageData"`
	Old CallLinkageData `xml:"oldCallLinkageData"`
}

// ConnectionInformation describes the media of a connection.
type ConnectionInformation struct {
	FlowDirection           string `xml:"flowDirection,omitempty"`
	NumberOfChannels        *int64 `xml:"numberOfChannels,omitempty"`
	MediaSessionInformation string `xml:"mediaSessionInformation,omitempty"`
}

// ConnectionList says which connection replaced which after a conference
// or transfer.
type ConnectionList struct {
	Items []ConnectionListItem `xml:"connectionListItem"`
}

// ConnectionListItem is one entry of a ConnectionList.
type ConnectionListItem struct {
	NewConnection           *ConnectionID          `xml:"newConnection,omitempty"`
	OldConnection           *ConnectionID          `xml:"oldConnection,omitempty"`
	Endpoint                *Endpoint              `xml:"endpoint,omitempty"`
	AssociatedNID           *Endpoint              `xml:"associatedNID,omitempty"`
	ResultingConnectionInfo *ConnectionInformation `xml:"resultingConnectionInfo,omitempty"`
}

// Endpoint is the endpoint and associatedNID choice of a ConnectionListItem.
type Endpoint struct {
	DeviceID   *DeviceID `xml:"deviceID,omitempty"`
	NotKnown   *Empty    `xml:"notKnown,omitempty"`
	Restricted *Empty    `xml:"restricted,omitempty"`
}

// ChargingInfo is the charge of a call: charging units or a currency amount.
type ChargingInfo struct {
	NumberUnits        NumberUnits `xml:"numberUnits"`
	TypeOfChargingInfo string      `xml:"typeOfChargingInfo"`
}

// NumberUnits is the choice of charging units or currency.
type NumberUnits struct {
	ChargeUnits   *ChargeUnitsList `xml:"numberOfChargeUnits,omitempty"`
	CurrencyUnits *CurrencyUnits   `xml:"numberOfCurrencyUnits,omitempty"`
}

// ChargeUnitsList is NumberOfChargingUnits.
type ChargeUnitsList struct {
	Items []ChargeUnits `xml:"numberOfChargeUnitsItem"`
}

// ChargeUnits is a count of charging units of one type (hex).
type ChargeUnits struct {
	ChargingUnits int64  `xml:"chargingUnits"`
	TypeOfUnits   string `xml:"typeOfUnits,omitempty"`
}

// CurrencyUnits is an amount of money; currencyType is text.
type CurrencyUnits struct {
	CurrencyType       string `xml:"currencyType"`
	CurrencyAmount     int64  `xml:"currencyAmount"`
	CurrencyMultiplier string `xml:"currencyMultiplier"`
}

// NetworkCapability describes the network a call went to.
type NetworkCapability struct {
	NetworkType    string `xml:"networkType"`
	EventsProvided *Flags `xml:"eventsProvided,omitempty"`
}

// ProgressIndicator is call progress reported by a network.
type ProgressIndicator struct {
	ProgressLocation    string `xml:"progressLocation"`
	ProgressDescription string `xml:"progressDescription"`
}

// Flags is an ASN.1 BIT STRING with named bits, which ECMA-323 writes as one
// boolean element per named bit (requestedMonitorFilter/callControl/
// delivered, callCharacteristics/acdCall ...). Only the bits a document names
// are listed; the mapping to CSTA knows each list's names.
type Flags []Flag

// Flag is one named bit.
type Flag struct {
	Name string
	On   bool
}

// MarshalXML writes one boolean element per flag.
func (f Flags) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	w := codecWriter{enc: e}
	return w.flags(start, f)
}

// UnmarshalXML reads every child element as a flag; "true" and "1" set it.
func (f *Flags) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*f = Flags{}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return err
			}
			s = strings.TrimSpace(s)
			*f = append(*f, Flag{Name: t.Name.Local, On: s == "true" || s == "1"})
		case xml.EndElement:
			return nil
		}
	}
}

// MonitorFilter lists, per event category, the events a monitor does not
// report (a flag set to true filters its event out, as in ASN.1).
type MonitorFilter struct {
	CallControl           *Flags `xml:"callControl,omitempty"`
	CallAssociated        *Flags `xml:"callAssociated,omitempty"`
	MediaAttachment       *Flags `xml:"mediaAttachment,omitempty"`
	PhysicalDeviceFeature *Flags `xml:"physicalDeviceFeature,omitempty"`
	LogicalDeviceFeature  *Flags `xml:"logicalDeviceFeature,omitempty"`
	Maintenance           *Flags `xml:"maintenance,omitempty"`
	VoiceUnit             *Flags `xml:"voiceUnit,omitempty"`
	Private               *Flags `xml:"private,omitempty"`
}

// category returns the field for a category name, ignoring case: ECSS-10
// writes callcontrol (seed 000).
func (m *MonitorFilter) category(name string) **Flags {
	switch strings.ToLower(name) {
	case "callcontrol":
		return &m.CallControl
	case "callassociated":
		return &m.CallAssociated
	case "mediaattachment":
		return &m.MediaAttachment
	case "physicaldevicefeature":
		return &m.PhysicalDeviceFeature
	case "logicaldevicefeature":
		return &m.LogicalDeviceFeature
	case "maintenance":
		return &m.Maintenance
	case "voiceunit":
		return &m.VoiceUnit
	case "private":
		return &m.Private
	}
	return nil
}

// UnmarshalXML reads the categories by name, ignoring case.
func (m *MonitorFilter) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*m = MonitorFilter{}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p := m.category(t.Name.Local)
			if p == nil {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			*p = new(Flags)
			if err := d.DecodeElement(*p, &t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
