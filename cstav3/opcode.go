package cstav3

// An Opcode is a CSTA operation's local code (the CODE local:n of its
// OPERATION in ECMA-285).
type Opcode int64

// Operation codes, checked against the ECMA-285 modules.
const (
	OpAlternateCall          Opcode = 1
	OpAnswerCall             Opcode = 2
	OpClearCall              Opcode = 4
	OpClearConnection        Opcode = 5
	OpConferenceCall         Opcode = 6
	OpConsultationCall       Opcode = 7
	OpHoldCall               Opcode = 9
	OpMakeCall               Opcode = 10
	OpReconnectCall          Opcode = 13
	OpRetrieveCall           Opcode = 14
	OpTransferCall           Opcode = 16
	OpEventReport            Opcode = 21
	OpSingleStepTransferCall Opcode = 50
	OpMonitorStart           Opcode = 71
	OpChangeMonitorFilter    Opcode = 72
	OpMonitorStop            Opcode = 73
	OpSnapshotDevice         Opcode = 74
	OpSnapshotCall           Opcode = 75
	OpSystemStatus           Opcode = 211
	OpDeflectCall            Opcode = 218
	OpSetDisplay             Opcode = 274
)

var opcodeNames = map[Opcode]string{
	OpAlternateCall: "alternateCall", OpAnswerCall: "answerCall", OpClearCall: "clearCall",
	OpClearConnection: "clearConnection", OpConferenceCall: "conferenceCall",
	OpConsultationCall: "consultationCall", OpHoldCall: "holdCall", OpMakeCall: "makeCall",
	OpReconnectCall: "reconnectCall", OpRetrieveCall: "retrieveCall", OpTransferCall: "transferCall",
	OpEventReport: "cSTAEventReport", OpSingleStepTransferCall: "singleStepTransferCall",
	OpMonitorStart: "monitorStart", OpChangeMonitorFilter: "changeMonitorFilter",
	OpMonitorStop: "monitorStop", OpSnapshotDevice: "snapshotDevice", OpSnapshotCall: "snapshotCall",
	OpSystemStatus: "systemStatus", OpDeflectCall: "deflectCall", OpSetDisplay: "setDisplay",
}

// String returns the ASN.1 name of the operation, or its number.
func (o Opcode) String() string { return enumString(opcodeNames, o, "operation") }
