package main

// The generated files of package cstav3 (go generate in cstav3/enums.go).
// Names in the tables are the ASN.1 identifiers, which ECMA-323 XML uses
// verbatim; the Go names of the constants are Prefix + the identifier with
// its first letter upper-cased and its hyphens dropped.

// An enum is an ENUMERATED type turned into a Go type, its constants, its
// name table and its String and Parse functions.
type enum struct {
	File, Type string // module file and ASN.1 type
	GoType     string
	Prefix     string // of the constants' names
	Doc        string // of the Go type
}

// A branches is a CHOICE of tagged alternatives turned into a Go type whose
// values are the tags, with a name table, String and Parse; the
// alternatives whose types are ENUMERATED get a name table of their values,
// indexed by tag in ValueTables (nil for a NULL alternative).
type branches struct {
	File, Type  string // module file and ASN.1 CHOICE type
	GoType      string
	Doc         string            // of the Go type
	ConstDoc    string            // of the constants
	Consts      map[string]string // alternative → Go constant; every one must be named
	Names       string            // the name table of the alternatives
	ValueTables string            // the value tables by tag
}

// A bitTable is a list of BIT STRING types with named bits turned into one
// table of their names, by type and then by bit. Every type's bits must
// run from 0 without gaps, so that the table also gives its bit count.
type bitTable struct {
	File  string   // module file
	Types []string // ASN.1 BIT STRING types, in the order of the table
	Table string   // the Go name of the table
	Doc   string   // of the table
}

// An output is one generated file.
type output struct {
	File     string
	Enums    []enum
	Branches *branches
	Bits     *bitTable
}

var outputs = []output{
	{File: "cause_gen.go", Enums: []enum{
		{"event-cause.asn1", "EventCause", "EventCause", "Cause",
			"EventCause explains why an event happened (ECMA-269 12.2.14)."},
	}},
	{File: "enums_gen.go", Enums: []enum{
		{"connection-states.asn1", "LocalConnectionState", "ConnectionState", "State",
			"ConnectionState is the LocalConnectionState of a device's connection to a call."},
		{"device-feature-types.asn1", "SystemStatus", "SystemStatus", "System",
			"SystemStatus is the state a SystemStatus request reports."},
		{"status-reporting.asn1", "SimpleCallState", "SimpleCallState", "",
			"SimpleCallState is a call's state as one value (SnapshotDevice)."},
		{"status-reporting.asn1", "MonitorType", "MonitorType", "Monitor",
			"MonitorType says whether a monitor started on a device follows the device\n" +
				"or the calls it takes part in."},
		{"call-control.asn1", "AutoOriginate", "AutoOriginate", "AutoOriginate",
			"AutoOriginate tells a MakeCall whether the calling device is prompted\n" +
				"(e.g. rung) before the call is placed; prompt is the default."},
	}},
	{File: "errors_gen.go", Branches: &branches{
		File: "error-definition.asn1", Type: "UniversalFailure", GoType: "ErrorBranch",
		Doc: "ErrorBranch is the alternative of the universalFailure CHOICE: the class\n" +
			"of a CSTA service error.",
		ConstDoc: "universalFailure alternatives, numbered by their context tags.",
		Consts: map[string]string{
			"operation":                      "OperationError",
			"security":                       "SecurityError",
			"stateIncompatibility":           "StateIncompatibility",
			"systemResourceAvailability":     "SystemResourceAvailability",
			"subscribedResourceAvailability": "SubscribedResourceAvailability",
			"performanceManagement":          "PerformanceManagement",
			"privateData":                    "PrivateDataInfo",
			"unspecified":                    "Unspecified",
		},
		Names: "errorBranchNames", ValueTables: "errorValueNames",
	}},
	{File: "filter_gen.go", Bits: &bitTable{
		File: "acse_user_info_csta.asn1",
		Types: []string{"CallControlEvents", "CallAssociatedEvents", "MediaAttachmentEvents",
			"PhysicalDeviceFeatureEvents", "LogicalDeviceFeatureEvents", "DeviceMaintenanceEvents",
			"VoiceUnitEvents", "VendorSpecEvents"},
		Table: "filterBitNames",
		Doc: "filterBitNames are the named bits of the MonitorFilter field of each\n" +
			"EventCategory, by category and then by bit: the bit count of a category\n" +
			"is the length of its list.",
	}},
}
