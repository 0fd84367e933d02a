package ecma323

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the call-related structures shared by events and results:
// call linkage, connection information and lists, charging, network
// capability and the named-bit BIT STRINGs.

func linkToXML(l *cstav3.CallLinkageData) *CallLinkageData {
	if l.IsZero() {
		return nil
	}
	x := &CallLinkageData{GlobalCallData: GlobalCallData{
		SubDomainName: l.GlobalCallSubDomain,
		Timestamp:     timeToXML(l.GlobalCallTimestamp),
	}}
	g := &x.GlobalCallData.LinkageID
	g.SubDomain, g.GloballyUnique = linkageIDToXML(l.GlobalCallUnique, l.GlobalCallLinkageID)
	if l.HasThread {
		t := &ThreadData{SubDomainName: l.ThreadSubDomain, Timestamp: timeToXML(l.ThreadIDTimestamp)}
		t.LinkageID.SubDomain, t.LinkageID.GloballyUnique = linkageIDToXML(l.ThreadUnique, l.ThreadLinkageID)
		x.ThreadData = t
	}
	return x
}

// linkageIDToXML returns the two forms of a global call or thread linkage
// id, one of them set: the globally unique one if unique, else the one
// unique within the sub-domain.
func linkageIDToXML(unique bool, id []byte) (subDomain, globallyUnique string) {
	if unique {
		return "", hexString(id)
	}
	return hexString(id), ""
}

func (m *codecMapper) link(path string, x *CallLinkageData) *cstav3.CallLinkageData {
	if x == nil {
		return nil
	}
	l := new(cstav3.CallLinkageData)
	g := x.GlobalCallData
	l.GlobalCallSubDomain = g.SubDomainName
	l.GlobalCallTimestamp = m.time(path+"/globalCallData/callLinkageIDTimestamp", g.Timestamp)
	l.GlobalCallUnique, l.GlobalCallLinkageID = m.linkageID(path+"/globalCallData/globalCallLinkageID",
		g.LinkageID.SubDomain, g.LinkageID.GloballyUnique)
	if t := x.ThreadData; t != nil {
		l.HasThread = true
		l.ThreadSubDomain = t.SubDomainName
		l.ThreadIDTimestamp = m.time(path+"/threadData/threadIDTimeStamp", t.Timestamp)
		l.ThreadUnique, l.ThreadLinkageID = m.linkageID(path+"/threadData/threadLinkageID",
			t.LinkageID.SubDomain, t.LinkageID.GloballyUnique)
	}
	return l
}

// linkageID maps the global call or thread linkage id at path, given in
// one of its two forms, and reports whether it is the globally unique one.
func (m *codecMapper) linkageID(path, subDomain, globallyUnique string) (unique bool, id []byte) {
	s := subDomain
	if globallyUnique != "" {
		s = globallyUnique
	}
	id = m.hexBytes(path, strings.TrimSpace(s))
	if id == nil {
		id = []byte{}
	}
	return globallyUnique != "", id
}

func linkListToXML(l *cstav3.CallLinkageDataList) *CallLinkageDataList {
	if l.IsZero() {
		return nil
	}
	x := &CallLinkageDataList{}
	if n := linkToXML(&l.NewCallLinkageData); n != nil {
		x.New = *n
	}
	if o := linkToXML(&l.OldCallLinkageData); o != nil {
		x.Old = *o
	}
	return x
}

func (m *codecMapper) linkList(path string, x *CallLinkageDataList) cstav3.CallLinkageDataList {
	if x == nil {
		return cstav3.CallLinkageDataList{}
	}
	return cstav3.CallLinkageDataList{
		NewCallLinkageData: *m.link(path+"/newCallLinkageData", &x.New),
		OldCallLinkageData: *m.link(path+"/oldCallLinkageData", &x.Old),
	}
}

func connInfoToXML(c *cstav3.ConnectionInformation) *ConnectionInformation {
	if c == nil {
		return nil
	}
	x := &ConnectionInformation{MediaSessionInformation: c.MediaSessionInformation}
	if c.HasFlowDirection {
		x.FlowDirection = c.FlowDirection.String()
	}
	if c.HasNumberOfChannels {
		n := c.NumberOfChannels
		x.NumberOfChannels = &n
	}
	return x
}

func (m *codecMapper) connInfo(path string, x *ConnectionInformation) *cstav3.ConnectionInformation {
	if x == nil {
		return nil
	}
	c := &cstav3.ConnectionInformation{MediaSessionInformation: x.MediaSessionInformation}
	if x.FlowDirection != "" {
		f, ok := cstav3.ParseFlowDirection(strings.TrimSpace(x.FlowDirection))
		if !ok {
			m.fail(path+"/flowDirection", x.FlowDirection, "unknown flow direction")
		}
		c.HasFlowDirection, c.FlowDirection = true, f
	}
	if x.NumberOfChannels != nil {
		c.HasNumberOfChannels, c.NumberOfChannels = true, *x.NumberOfChannels
	}
	return c
}

// endpointToXMLIn maps a list item's endpoint (or associated NID), its
// values in ep and dev.
func endpointToXMLIn(d cstav3.Device, ep *Endpoint, dev *DeviceID) *Endpoint {
	switch {
	case d.IsZero():
		return nil
	case d.Status == cstav3.DeviceRestricted:
		*ep = Endpoint{Restricted: &Empty{}}
	case d.Status != cstav3.DeviceGiven:
		*ep = Endpoint{NotKnown: &Empty{}}
	default:
		*dev = deviceIDToXML(d.DeviceID)
		*ep = Endpoint{DeviceID: dev}
	}
	return ep
}

func (m *codecMapper) endpoint(path string, x *Endpoint) cstav3.Device {
	switch {
	case x == nil:
		return cstav3.Device{}
	case x.DeviceID != nil:
		return cstav3.Known(m.device(path+"/deviceID", *x.DeviceID))
	case x.Restricted != nil:
		return cstav3.Device{Status: cstav3.DeviceRestricted}
	}
	return cstav3.Device{Status: cstav3.DeviceNotKnown}
}

// connListSlot is room for what one list item points to.
type connListSlot struct {
	conns [2]ConnectionID
	ends  [2]Endpoint
	devs  [2]DeviceID
	text  textBuf
}

// connListToXML maps a list in two allocations: the items, and the values
// they point to.
func connListToXML(l cstav3.ConnectionList) ConnectionList {
	x, _ := connListInto(l, nil, nil)
	return x
}

// connListInto is connListToXML reusing the arrays of items and slots when
// they are large enough; it returns the slots it used.
func connListInto(l cstav3.ConnectionList, items []ConnectionListItem, slots []connListSlot) (ConnectionList, []connListSlot) {
	if items == nil || cap(items) < len(l) {
		items = make([]ConnectionListItem, len(l))
	}
	if cap(slots) < len(l) {
		slots = make([]connListSlot, len(l))
	}
	x := ConnectionList{Items: items[:len(l)]}
	slots = slots[:len(l)]
	for i, e := range l {
		s := &slots[i]
		it := &x.Items[i]
		if !e.NewConnection.IsZero() {
			s.conns[0] = connToXMLIn(e.NewConnection, &s.text)
			it.NewConnection = &s.conns[0]
		}
		if !e.OldConnection.IsZero() {
			s.conns[1] = connToXMLIn(e.OldConnection, &s.text)
			it.OldConnection = &s.conns[1]
		}
		it.Endpoint = endpointToXMLIn(e.Endpoint, &s.ends[0], &s.devs[0])
		it.AssociatedNID = endpointToXMLIn(e.AssociatedNID, &s.ends[1], &s.devs[1])
		it.ResultingConnectionInfo = connInfoToXML(e.ResultingConnectionInfo)
	}
	return x, slots
}

func optConnListToXML(l cstav3.ConnectionList) *ConnectionList {
	if l == nil {
		return nil
	}
	x := connListToXML(l)
	return &x
}

func (m *codecMapper) connList(path string, x *ConnectionList) cstav3.ConnectionList {
	if x == nil {
		return nil
	}
	l := make(cstav3.ConnectionList, len(x.Items))
	p := path + "/connectionListItem"
	for i, e := range x.Items {
		l[i] = cstav3.ConnectionListEntry{
			NewConnection:           m.optConn(p+"/newConnection", e.NewConnection),
			OldConnection:           m.optConn(p+"/oldConnection", e.OldConnection),
			Endpoint:                m.endpoint(p+"/endpoint", e.Endpoint),
			AssociatedNID:           m.endpoint(p+"/associatedNID", e.AssociatedNID),
			ResultingConnectionInfo: m.connInfo(p+"/resultingConnectionInfo", e.ResultingConnectionInfo),
		}
	}
	return l
}

func chargingToXML(c *cstav3.ChargingInfo) *ChargingInfo {
	if c == nil {
		return nil
	}
	x := &ChargingInfo{TypeOfChargingInfo: c.TypeOfChargingInfo.String()}
	if c.Currency != nil {
		x.NumberUnits.CurrencyUnits = &CurrencyUnits{CurrencyType: string(c.Currency.CurrencyType),
			CurrencyAmount: c.Currency.CurrencyAmount, CurrencyMultiplier: c.Currency.CurrencyMultiplier.String()}
		return x
	}
	l := &ChargeUnitsList{Items: make([]ChargeUnits, len(c.ChargeUnits))}
	for i, u := range c.ChargeUnits {
		l.Items[i] = ChargeUnits{ChargingUnits: u.ChargingUnits, TypeOfUnits: hexString(u.TypeOfUnits)}
	}
	x.NumberUnits.ChargeUnits = l
	return x
}

func (m *codecMapper) charging(path string, x *ChargingInfo) *cstav3.ChargingInfo {
	if x == nil {
		return nil
	}
	c := &cstav3.ChargingInfo{}
	t, ok := cstav3.ParseChargingType(strings.TrimSpace(x.TypeOfChargingInfo))
	if !ok {
		m.fail(path+"/typeOfChargingInfo", x.TypeOfChargingInfo, "unknown charging type")
	}
	c.TypeOfChargingInfo = t
	if cu := x.NumberUnits.CurrencyUnits; cu != nil {
		v := strings.TrimSpace(cu.CurrencyMultiplier)
		mult, ok := cstav3.ParseCurrencyMultiplier(v)
		if !ok {
			m.fail(path+"/currencyMultiplier", v, "unknown value")
		}
		c.Currency = &cstav3.CurrencyUnits{CurrencyType: []byte(cu.CurrencyType), CurrencyAmount: cu.CurrencyAmount,
			CurrencyMultiplier: mult}
		return c
	}
	if u := x.NumberUnits.ChargeUnits; u != nil {
		c.ChargeUnits = make([]cstav3.ChargeUnits, len(u.Items))
		for i, it := range u.Items {
			c.ChargeUnits[i] = cstav3.ChargeUnits{ChargingUnits: it.ChargingUnits,
				TypeOfUnits: m.hexBytes(path+"/typeOfUnits", strings.TrimSpace(it.TypeOfUnits))}
		}
	}
	return c
}

// codecBit is a named bit of a BIT STRING that ECMA-323 writes as a boolean
// element.
type codecBit struct {
	name string
	bit  int
}

// codecBits lists named bits in the order the ASN.1 modules list them
// (call-control.asn1, status-reporting.asn1), which is the order the
// elements are written in. The bit numbers are another order. The monitor
// filter's bits are cstav3's (codecFilterElems).
func codecBits(spec ...any) []codecBit {
	b := make([]codecBit, len(spec)/2)
	for i := range b {
		b[i] = codecBit{spec[2*i].(string), spec[2*i+1].(int)}
	}
	return b
}

var (
	codecCallCharacteristicsBits = codecBits("acdCall", 0, "lowPriorityCall", 11, "priorityCall", 1,
		"highPriorityCall", 12, "maintainanceCall", 2, "directAgent", 3, "assistCall", 4, "voiceUnitCall", 5,
		"privateCall", 6, "personalCall", 7, "sensitiveCall", 8, "confidentialCall", 9, "encryptedCall", 10)
	codecMediaClassBits = codecBits("voice", 0, "data", 1, "image", 2, "audio", 4, "other", 3, "notKnown", 5,
		"chat", 6, "email", 7, "message", 8, "im", 9, "sms", 10, "mms", 11)
	codecEventsProvidedBits = codecBits("bridged", 0, "allCleared", 1, "conferenced", 2, "connectionCleared", 3,
		"delivered", 4, "digitsDialed", 5, "diverted", 6, "established", 7, "failed", 8, "held", 9,
		"networkCapabilitiesChange", 10, "networkReached", 11, "offered", 12, "originated", 13, "queued", 14,
		"retrieved", 15, "serviceInitiated", 16, "transferred", 17)
)

// flagsToXML writes every named bit of a present BIT STRING, so that the
// consumer sees the whole list; an absent one (Length 0, Bytes nil) is nil.
func flagsToXML(b ber.BitString, names []codecBit) *Flags {
	if b.Bytes == nil && b.Length == 0 {
		return nil
	}
	f := make(Flags, len(names))
	for i, n := range names {
		f[i] = Flag{Name: n.name, On: n.bit < b.Length && b.At(n.bit)}
	}
	return &f
}

// flags maps named booleans to a BIT STRING with a bit for every name, so
// that unnamed trailing bits are present and zero. Names are matched
// ignoring case; an unknown name is an error.
func (m *codecMapper) flags(path string, x *Flags, names []codecBit) ber.BitString {
	if x == nil {
		return ber.BitString{}
	}
	b := ber.BitString{Bytes: make([]byte, (len(names)+7)/8), Length: len(names)}
	for _, f := range *x {
		bit := -1
		for _, n := range names {
			if strings.EqualFold(n.name, f.Name) {
				bit = n.bit
				break
			}
		}
		if bit < 0 {
			m.fail(path+"/"+f.Name, "", "unknown flag")
			continue
		}
		if f.On {
			b.Bytes[bit/8] |= 0x80 >> (bit % 8)
		}
	}
	return b
}

// codecFilterElems are the flags of each MonitorFilter category (indexed by
// cstav3.EventCategory) in the order of the ECMA-323 schema, which is the
// order they are written in (ECSS-10's callcontrol filter, seed 000,
// follows it): not the order of their bits for callControl, maintenance,
// voiceUnit and logicalDeviceFeature. The bits are cstav3's
// (cstav3.FilterBitNames), looked up once in codecFilterBits.
var codecFilterElems = [8][]string{
	{"bridged", "callCleared", "conferenced", "connectionCleared", "delivered", "digitsDialed", "diverted",
		"established", "failed", "held", "networkCapabilitiesChanged", "networkReached", "offered", "originated",
		"queued", "retrieved", "serviceInitiated", "transferred"},
	{"callInformation", "charging", "dTMFDigitsDetected", "telephonyTonesDetected", "serviceCompletionFailure"},
	{"mediaAttached", "mediaDetached"},
	{"buttonInformation", "buttonPress", "displayUpdated", "hookswitch", "lampMode", "messageWaiting",
		"microphoneGain", "microphoneMute", "ringerStatus", "speakerMute", "speakerVolume"},
	{"agentBusy", "agentLoggedOn", "agentLoggedOff", "agentNotReady", "agentReady", "agentWorkingAfterCall",
		"autoAnswer", "autoWorkMode", "callBack", "callBackMessage", "callerIDStatus", "doNotDisturb", "forwarding",
		"presenceState", "routeingMode"},
	{"backInService", "deviceCapabilityChanged", "outOfService", "partiallyInService"},
	{"bookmarkReached", "completed", "dtmfDetected", "emptied", "interruptionDetected", "notRecognized", "play",
		"recognized", "record", "review", "started", "silenceTimeoutExpired", "speechDetected", "stop",
		"suspendPlay", "suspendRecord", "voiceAttributesChange", "voiceErrorOccured"},
	{"privateEvent"},
}

// codecFilterBits are codecFilterElems with their bits.
var codecFilterBits = filterBits(codecFilterElems)

// filterBits gives every element of elems its bit from cstav3. An element
// cstav3 does not name, one named twice or a bit without an element is a
// mistake in this file: it panics at init, so that no test run misses it.
func filterBits(elems [8][]string) (b [8][]codecBit) {
	for c, names := range elems {
		bits := cstav3.FilterBitNames(cstav3.EventCategory(c))
		if len(bits) != len(names) {
			panic(fmt.Sprintf("ecma323: %d filter elements for the %d bits of %v", len(names), len(bits), cstav3.EventCategory(c)))
		}
		b[c] = make([]codecBit, len(names))
		for i, name := range names {
			bit := slices.Index(bits, name)
			if bit < 0 || slices.Index(names, name) != i {
				panic("ecma323: filter element " + name + " of " + cstav3.EventCategory(c).String() +
					" is not one bit of cstav3's")
			}
			b[c][i] = codecBit{name, bit}
		}
	}
	return b
}

func (x *MonitorFilter) fields() [8]**Flags {
	return [8]**Flags{&x.CallControl, &x.CallAssociated, &x.MediaAttachment, &x.PhysicalDeviceFeature,
		&x.LogicalDeviceFeature, &x.Maintenance, &x.VoiceUnit, &x.Private}
}

func filterToXML(f *cstav3.MonitorFilter) *MonitorFilter {
	if f == nil {
		return nil
	}
	x := &MonitorFilter{}
	for c, p := range x.fields() {
		*p = flagsToXML(*f.Category(cstav3.EventCategory(c)), codecFilterBits[c])
	}
	return x
}

func (m *codecMapper) filter(path string, x *MonitorFilter) *cstav3.MonitorFilter {
	if x == nil {
		return nil
	}
	f := &cstav3.MonitorFilter{}
	for c, p := range x.fields() {
		*f.Category(cstav3.EventCategory(c)) = m.flags(path, *p, codecFilterBits[c])
	}
	return f
}

func netCapToXML(has bool, n cstav3.NetworkCapability) *NetworkCapability {
	if !has {
		return nil
	}
	return &NetworkCapability{NetworkType: n.NetworkType.String(),
		EventsProvided: flagsToXML(ber.BitString(n.EventsProvided), codecEventsProvidedBits)}
}

func (m *codecMapper) netCap(path string, x *NetworkCapability) (bool, cstav3.NetworkCapability) {
	if x == nil {
		return false, cstav3.NetworkCapability{}
	}
	v := strings.TrimSpace(x.NetworkType)
	t, ok := cstav3.ParseNetworkType(v)
	if !ok {
		m.fail(path+"/networkType", v, "unknown value")
	}
	n := cstav3.NetworkCapability{NetworkType: t}
	if x.EventsProvided != nil {
		n.EventsProvided = cstav3.EventsProvided(m.flags(path+"/eventsProvided", x.EventsProvided, codecEventsProvidedBits))
	}
	return true, n
}

func progressToXML(p cstav3.ProgressIndicator) ProgressIndicator {
	return ProgressIndicator{ProgressLocation: p.ProgressLocation.String(),
		ProgressDescription: p.ProgressDescription.String()}
}

func (m *codecMapper) progress(path string, x ProgressIndicator) cstav3.ProgressIndicator {
	l, ok := cstav3.ParseProgressLocation(strings.TrimSpace(x.ProgressLocation))
	if !ok {
		m.fail(path+"/progressLocation", x.ProgressLocation, "unknown value")
	}
	d, ok := cstav3.ParseProgressDescription(strings.TrimSpace(x.ProgressDescription))
	if !ok {
		m.fail(path+"/progressDescription", x.ProgressDescription, "unknown value")
	}
	return cstav3.ProgressIndicator{ProgressLocation: l, ProgressDescription: d}
}
