package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
)

func newCallCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "call",
		Short: "Send one call-control request to the PBX and print its result",
		Long: `Send one CSTA request to the PBX, print its result, and exit: 0 when the PBX
carried it out, 1 with the CSTA error (universalFailure branch and value, by
their ASN.1 names) or the reason otherwise, 130 when Ctrl-C interrupted it
(while connecting or waiting for the answer).

Connections are named by the device and the call id, as the PBX reports them
(the CALL column of watch, or callID in its JSON): --call b164.`,
		Example: `  cstav3-monitor call make 100 101 --pbx 10.0.0.5
  cstav3-monitor call answer 101 --call b164 --pbx 10.0.0.5
  cstav3-monitor call hold 100 --call b164
  cstav3-monitor call consult 100 102 --call b164
  cstav3-monitor call transfer 100 --held b164 --active b165
  cstav3-monitor call snapshot 100 --format json`,
	}
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		if len(args) > 0 {
			return usageErrorf("unknown request %q: use one of %s", args[0], strings.Join(names, ", "))
		}
		return usageErrorf("which request? use one of %s", strings.Join(names, ", "))
	}
	pf := cmd.PersistentFlags()
	connFlags(pf)
	pf.String("format", "text", "output: text or json")

	conn := func(use, short, long string, run func(ctx context.Context, c *cstav3.Client, dev cstav3.DeviceID, call cstav3.CallID) (any, string, error)) *cobra.Command {
		sub := &cobra.Command{
			Use: use + " DEVICE --call ID", Short: short, Long: long, Args: exactDevices(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				call, err := callFlag(cmd, "call")
				if err != nil {
					return err
				}
				return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
					return run(ctx, c, cstav3.Dialing(args[0]), call)
				})
			},
		}
		sub.Flags().String("call", "", "call id (hex) of the device's connection")
		return sub
	}

	makeCmd := &cobra.Command{
		Use: "make CALLING CALLED", Short: "Call CALLED from CALLING (MakeCall)", Args: exactDevices(2),
		Long: "Set up a call from CALLING to CALLED: the calling phone goes off-hook (or is rung first, as the PBX does it) and dials. Prints the new call's id.",
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
				r, err := c.MakeCall(ctx, cstav3.Dialing(args[0]), cstav3.Dialing(args[1]))
				if err != nil {
					return nil, "", err
				}
				return r, fmt.Sprintf("call %s: %s → %s", r.CallingDevice.Call, args[0], args[1]), nil
			})
		},
	}
	answer := conn("answer", "Answer the call ringing at DEVICE (AnswerCall)", "", func(ctx context.Context, c *cstav3.Client, dev cstav3.DeviceID, call cstav3.CallID) (any, string, error) {
		return nil, fmt.Sprintf("call %s answered at %s", call, dev), c.AnswerCall(ctx, cstav3.NewConnectionID(call, dev))
	})
	clearCmd := conn("clear", "Hang up DEVICE's connection to a call (ClearConnection; --all: ClearCall)", "", func(ctx context.Context, c *cstav3.Client, dev cstav3.DeviceID, call cstav3.CallID) (any, string, error) {
		return nil, fmt.Sprintf("%s cleared from call %s", dev, call), c.ClearConnection(ctx, cstav3.NewConnectionID(call, dev))
	})
	clearCmd.Flags().Bool("all", false, "clear the whole call (ClearCall) rather than DEVICE's connection")
	clearRun := clearCmd.RunE
	clearCmd.RunE = func(cmd *cobra.Command, args []string) error {
		if all, _ := cmd.Flags().GetBool("all"); !all {
			return clearRun(cmd, args)
		}
		call, err := callFlag(cmd, "call")
		if err != nil {
			return err
		}
		return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
			return nil, fmt.Sprintf("call %s cleared", call), c.ClearCall(ctx, cstav3.NewConnectionID(call, cstav3.Dialing(args[0])))
		})
	}
	hold := conn("hold", "Put DEVICE's connection to a call on hold (HoldCall)", "", func(ctx context.Context, c *cstav3.Client, dev cstav3.DeviceID, call cstav3.CallID) (any, string, error) {
		return nil, fmt.Sprintf("call %s held at %s", call, dev), c.HoldCall(ctx, cstav3.NewConnectionID(call, dev))
	})
	retrieve := conn("retrieve", "Take a held call back at DEVICE (RetrieveCall)", "", func(ctx context.Context, c *cstav3.Client, dev cstav3.DeviceID, call cstav3.CallID) (any, string, error) {
		return nil, fmt.Sprintf("call %s retrieved at %s", call, dev), c.RetrieveCall(ctx, cstav3.NewConnectionID(call, dev))
	})

	consult := &cobra.Command{
		Use: "consult DEVICE CONSULTED --call ID", Short: "Hold DEVICE's call and call CONSULTED (ConsultationCall)", Args: exactDevices(2),
		Long: "Put DEVICE's active call on hold and call CONSULTED from DEVICE: the first step of a transfer or conference. Prints the new call's id.",
		RunE: func(cmd *cobra.Command, args []string) error {
			call, err := callFlag(cmd, "call")
			if err != nil {
				return err
			}
			return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
				r, err := c.ConsultationCall(ctx, cstav3.NewConnectionID(call, cstav3.Dialing(args[0])), cstav3.Dialing(args[1]))
				if err != nil {
					return nil, "", err
				}
				return r, fmt.Sprintf("call %s: %s → %s (call %s held)", r.InitiatedCall.Call, args[0], args[1], call), nil
			})
		},
	}
	consult.Flags().String("call", "", "call id (hex) of DEVICE's active call, which is held")

	twoCalls := func(use, short string, run func(ctx context.Context, c *cstav3.Client, held, active cstav3.ConnectionID) (any, string, error)) *cobra.Command {
		sub := &cobra.Command{
			Use: use + " DEVICE --held ID --active ID", Short: short, Args: exactDevices(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				held, err := callFlag(cmd, "held")
				if err != nil {
					return err
				}
				active, err := callFlag(cmd, "active")
				if err != nil {
					return err
				}
				dev := cstav3.Dialing(args[0])
				return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
					return run(ctx, c, cstav3.NewConnectionID(held, dev), cstav3.NewConnectionID(active, dev))
				})
			},
		}
		sub.Flags().String("held", "", "call id (hex) of DEVICE's held call")
		sub.Flags().String("active", "", "call id (hex) of DEVICE's active call")
		return sub
	}
	transfer := twoCalls("transfer", "Join DEVICE's held and active calls and drop DEVICE (TransferCall)", func(ctx context.Context, c *cstav3.Client, held, active cstav3.ConnectionID) (any, string, error) {
		r, err := c.TransferCall(ctx, held, active)
		if err != nil {
			return nil, "", err
		}
		return r, fmt.Sprintf("transferred: call %s", r.TransferredCall.Call), nil
	})
	conference := twoCalls("conference", "Join DEVICE's held and active calls into a conference (ConferenceCall)", func(ctx context.Context, c *cstav3.Client, held, active cstav3.ConnectionID) (any, string, error) {
		r, err := c.ConferenceCall(ctx, held, active)
		if err != nil {
			return nil, "", err
		}
		return r, fmt.Sprintf("conference: call %s", r.ConferenceCall.Call), nil
	})

	snapshot := &cobra.Command{
		Use: "snapshot DEVICE [--call ID]", Short: "List the calls at DEVICE (SnapshotDevice), or the parties of one call (SnapshotCall)", Args: exactDevices(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dev := cstav3.Dialing(args[0])
			callText := a.str(cmd, "call")
			if callText == "" {
				return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
					r, err := c.SnapshotDevice(ctx, dev)
					if err != nil {
						return nil, "", err
					}
					return r, snapshotDeviceText(dev, r), nil
				})
			}
			call, err := callFlag(cmd, "call")
			if err != nil {
				return err
			}
			return a.request(cmd, func(ctx context.Context, c *cstav3.Client) (any, string, error) {
				r, err := c.SnapshotCall(ctx, cstav3.NewConnectionID(call, dev))
				if err != nil {
					return nil, "", err
				}
				return r, snapshotCallText(call, r), nil
			})
		},
	}
	snapshot.Flags().String("call", "", "call id (hex): list that call's parties instead of the device's calls")

	examples := map[*cobra.Command]string{
		makeCmd:    "  cstav3-monitor call make 100 101 --pbx 10.0.0.5\n  cstav3-monitor call make 100 101 --pbx 10.0.0.5 --format json | jq -r .result.callingDevice.callID",
		answer:     "  cstav3-monitor call answer 101 --call b164 --pbx 10.0.0.5",
		clearCmd:   "  cstav3-monitor call clear 101 --call b164\n  cstav3-monitor call clear 100 --call b164 --all",
		hold:       "  cstav3-monitor call hold 100 --call b164",
		retrieve:   "  cstav3-monitor call retrieve 100 --call b164",
		consult:    "  cstav3-monitor call consult 101 102 --call b164   # b164 is held, prints the new call",
		transfer:   "  cstav3-monitor call transfer 101 --held b164 --active b165",
		conference: "  cstav3-monitor call conference 101 --held b164 --active b165",
		snapshot:   "  cstav3-monitor call snapshot 100\n  cstav3-monitor call snapshot 100 --call b164 --format json",
	}
	for c, ex := range examples {
		c.Example = ex
		cmd.AddCommand(c)
	}
	return cmd
}

// exactDevices checks the number of device arguments and their form.
func exactDevices(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %d device argument(s), got %d: %s", cmd.Name(), n, len(args), cmd.Use)
		}
		for _, d := range args {
			if !validDevice(d) {
				return usageErrorf("device %q: not a dialling number (digits, *, #, +)", d)
			}
		}
		return nil
	}
}

// callFlag reads a call id flag: hex, as the PBX and watch show it.
func callFlag(cmd *cobra.Command, name string) (cstav3.CallID, error) {
	s, _ := cmd.Flags().GetString(name)
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "0x")
	if s == "" {
		return nil, usageErrorf("--%s ID is required: the call id in hex, as watch shows it (e.g. --%s b164)", name, name)
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, usageErrorf("--%s %q: a call id is hex digits, e.g. b164", name, s)
	}
	return cstav3.CallID(b), nil
}

// request connects, runs one request and prints its result.
func (a *app) request(cmd *cobra.Command, do func(ctx context.Context, c *cstav3.Client) (any, string, error)) error {
	format := a.str(cmd, "format")
	if format != "text" && format != "json" {
		if format == "xml" {
			return checkFormat(format)
		}
		return usageErrorf("--format %q: use text or json", format)
	}
	ctx := cmd.Context()
	client, err := a.connect(ctx, cmd, nil, cstav3.WithoutReconnect())
	if err != nil {
		if ctx.Err() != nil {
			return errInterrupted(serviceName(cmd))
		}
		return err
	}
	defer client.Close()
	timeout, _ := cmd.Flags().GetDuration("timeout")
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	op := serviceName(cmd)
	t0 := time.Now()
	res, text, err := do(rctx, client)
	if err != nil {
		if ctx.Err() != nil {
			return errInterrupted(op)
		}
		if format == "json" {
			a.printJSON(requestJSON(op, time.Since(t0), nil, err))
		}
		return explainRequest(op, err)
	}
	if format == "json" {
		a.printJSON(requestJSON(op, time.Since(t0), res, nil))
		return nil
	}
	fmt.Fprintln(a.stdout, text)
	return nil
}

// serviceName is the CSTA service of a call subcommand.
func serviceName(cmd *cobra.Command) string {
	if op := opNames[cmd.Name()]; op != "" {
		return op
	}
	return cmd.Name()
}

// errInterrupted ends a request that Ctrl-C cut short.
func errInterrupted(op string) error {
	return &exitError{code: exitInterrupted, msg: op + " interrupted: the PBX may or may not have carried it out"}
}

// opNames are the CSTA services behind the call subcommands.
var opNames = map[string]string{
	"make": "MakeCall", "answer": "AnswerCall", "clear": "ClearConnection", "hold": "HoldCall",
	"retrieve": "RetrieveCall", "consult": "ConsultationCall", "transfer": "TransferCall",
	"conference": "ConferenceCall", "snapshot": "Snapshot",
}

func requestJSON(op string, d time.Duration, res any, err error) obj {
	o := obj{{"request", op}, {"ok", err == nil}, {"seconds", d.Seconds()}}
	if res != nil {
		if v := view(res); v != nil {
			o.add("result", v)
		}
	}
	if err != nil {
		o.add("outcome", outcome(err))
		var ce *cstav3.Error
		var re *cstav3.RejectError
		switch {
		case errors.As(err, &ce):
			o.add("error", viewCSTAError(ce))
		case errors.As(err, &re):
			o.add("reject", re.Problem.String())
		default:
			o.add("message", err.Error())
		}
	}
	return o
}

func (a *app) printJSON(o obj) {
	b, err := json.Marshal(o)
	if err != nil {
		fmt.Fprintln(a.stderr, err)
		return
	}
	fmt.Fprintln(a.stdout, string(b))
}

func snapshotDeviceText(dev cstav3.DeviceID, r *cstav3.SnapshotDeviceResult) string {
	if r.ServiceCrossRefID != nil {
		return fmt.Sprintf("%s: snapshot follows under cross-ref %x (not supported here)", dev, r.ServiceCrossRefID)
	}
	if len(r.SnapshotData) == 0 {
		return fmt.Sprintf("%s: no calls", dev)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s  %-10s  %s\n", "CALL", "FAR END", "STATE")
	for _, c := range r.SnapshotData {
		far := "-"
		if !c.EndpointDevice.IsZero() {
			far = c.EndpointDevice.String()
		}
		fmt.Fprintf(&b, "%-6s  %-10s  %s\n", c.ConnectionIdentifier.Call, far, callStateText(c.LocalCallState))
	}
	return strings.TrimRight(b.String(), "\n")
}

func callStateText(s cstav3.CallState) string {
	switch s.Kind {
	case cstav3.CallStateCompound:
		parts := make([]string, len(s.Compound))
		for i, c := range s.Compound {
			parts[i] = c.String()
		}
		return strings.Join(parts, ", ")
	case cstav3.CallStateSimple:
		return s.Simple.String()
	}
	return "unknown"
}

func snapshotCallText(call cstav3.CallID, r *cstav3.SnapshotCallResult) string {
	if r.ServiceCrossRefID != nil {
		return fmt.Sprintf("call %s: snapshot follows under cross-ref %x (not supported here)", call, r.ServiceCrossRefID)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s  %-12s  %s\n", "DEVICE", "CONNECTION", "STATE")
	for _, p := range r.SnapshotData {
		state := "-"
		if p.HasLocalConnectionState {
			state = p.LocalConnectionState.String()
		}
		fmt.Fprintf(&b, "%-10s  %-12s  %s\n", p.DeviceOnCall, p.CallIdentifier, state)
	}
	return strings.TrimRight(b.String(), "\n")
}
