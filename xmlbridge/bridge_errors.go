package xmlbridge

import (
	"context"
	"errors"
	"strings"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// The CSTA errors the bridge answers with when the PBX did not say what
// went wrong: ECMA-269 has no error for "not logged in" or "link to the
// switch down", so each case gets the closest value the schema has, and a
// consumer that only looks at the branch still draws the right conclusion
// (operation: fix the request; systemResourceAvailability and
// performanceManagement: try again later).
var (
	// cstaNoSession: a CSTA request before StartApplicationSession.
	cstaNoSession = cstav3.MustError(cstav3.OperationError, "securityViolation")
	// cstaUnsupported: a document that is not a request the bridge serves.
	cstaUnsupported = cstav3.MustError(cstav3.OperationError, "serviceNotSupported")
	// cstaMalformed: not XML, or XML the codec cannot read.
	cstaMalformed = cstav3.MustError(cstav3.OperationError, "generic")
	// cstaBadValue: a value that does not map to CSTA.
	cstaBadValue  = cstav3.MustError(cstav3.OperationError, "invalidParameterValue")
	cstaBadCallID = cstav3.MustError(cstav3.OperationError, "invalidCallID")
	cstaBadDevice = cstav3.MustError(cstav3.OperationError, "invalidDeviceID")
	// cstaBadXref: a cross-reference that is not one of the session's.
	cstaBadXref = cstav3.MustError(cstav3.OperationError, "invalidCrossRefID")
	// cstaCallMonitor: call monitors, which the PBX client does not offer.
	cstaCallMonitor = cstav3.MustError(cstav3.OperationError, "requestIncompatibleWithObject")
	// cstaNeedsSession: a monitor requested with HTTP Basic credentials,
	// without a session to deliver its events to.
	cstaNeedsSession = cstav3.MustError(cstav3.OperationError, "requestIncompatibleWithObject")
	// cstaMonitorLimit: Config.MaxMonitorsPerSession reached.
	cstaMonitorLimit = cstav3.MustError(cstav3.SubscribedResourceAvailability, "objectMonitorLimitExceeded")
	// cstaLinkDown: the PBX link is down, or the bridge is shutting down.
	cstaLinkDown = cstav3.MustError(cstav3.SystemResourceAvailability, "resourceOutOfService")
	// cstaTimeout: the PBX did not answer within Config.RequestTimeout.
	cstaTimeout = cstav3.MustError(cstav3.PerformanceManagement, "performanceLimitExceeded")
	// cstaOverloaded: the PBX rejected the request for lack of resources.
	cstaOverloaded = cstav3.MustError(cstav3.SubscribedResourceAvailability, "outstandingReqLimitExceeded")
	// cstaTooLarge: a response the consumer's framing cannot carry.
	cstaTooLarge = cstav3.MustError(cstav3.SystemResourceAvailability, "resourceLimitExceeded")
)

// cstaErrorOf maps an error of a request to the CSTA error the consumer
// gets, and whether trying again later may help (a SOAP Server fault rather
// than a Client one).
func cstaErrorOf(err error) (e *cstav3.Error, retry bool) {
	var ce *cstav3.Error
	var re *cstav3.RejectError
	var fe *ecma323.FieldError
	switch {
	case errors.As(err, &ce):
		return ce, ce.Branch != cstav3.OperationError && ce.Branch != cstav3.StateIncompatibility
	case errors.As(err, &re):
		return rejectError(re.Problem)
	case errors.Is(err, cstav3.ErrLinkDown), errors.Is(err, context.Canceled):
		return cstaLinkDown, true
	case errors.Is(err, context.DeadlineExceeded):
		return cstaTimeout, true
	case errors.Is(err, errMonitorLimit):
		return cstaMonitorLimit, false
	case errors.Is(err, errUnknownXref), errors.Is(err, errSessionEnded):
		return cstaBadXref, false
	case errors.Is(err, errCallMonitor):
		return cstaCallMonitor, false
	case errors.Is(err, errNoSessionOnWeb):
		return cstaNeedsSession, false
	case errors.As(err, &fe):
		return fieldError(fe), false
	case errors.Is(err, ecma323.ErrUnknownRequest):
		return cstaUnsupported, false
	}
	return cstaMalformed, false
}

// rejectError maps a ROSE reject of the PBX: it refused the operation or
// its argument as such, which in CSTA terms is an operation error.
func rejectError(p cstav3.RejectProblem) (*cstav3.Error, bool) {
	switch p {
	case cstav3.ProblemUnrecognizedOperation:
		return cstaUnsupported, false
	case cstav3.ProblemMistypedArgument:
		return cstaBadValue, false
	case cstav3.ProblemResourceLimitation:
		return cstaOverloaded, true
	}
	return cstaMalformed, false
}

// fieldError picks the error for a value the codec could not map, by the
// element it is in: a call id that is not hex was never handed out by the
// bridge, hence invalidCallID.
func fieldError(fe *ecma323.FieldError) *cstav3.Error {
	p := strings.ToLower(fe.Path)
	switch {
	case strings.HasSuffix(p, "callid") || strings.HasSuffix(p, "dynamicid"):
		return cstaBadCallID
	case strings.Contains(p, "typeofnumber") || strings.HasSuffix(p, "deviceid") || strings.HasSuffix(p, "device"):
		return cstaBadDevice
	}
	return cstaBadValue
}
