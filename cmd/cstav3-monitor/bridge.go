package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newBridgeCmd is the seam of the XML bridge: the command exists so that
// scripts and --help show it, and says it is not available yet.
//
// TODO(xmlbridge): run xmlbridge's server here with --pbx, --listen,
// --listen-nul, --http, --users FILE, --user NAME:PASSWORD, --capture and
// --metrics, and start it in the demo (demo.go, bridgeNotReady); wire
// --format xml in watch, decode and the demo (checkFormat, decode.go).
func newBridgeCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "bridge --pbx HOST:PORT --listen HOST:PORT …",
		Short: "Serve the PBX to ECMA-323 XML CSTA consumers (not available yet)",
		Long: `Run the XML bridge: one CSTA Phase III link to the PBX, shared by any number of
ECMA-323 XML consumers who log in with the configured users.

Not available yet: the bridge (package xmlbridge) is still being written.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, arg := range args {
				if arg == "-h" || arg == "--help" {
					return cmd.Help()
				}
			}
			return &exitError{code: exitUsage, msg: fmt.Sprintf("bridge: %s", bridgeNotReady)}
		},
	}
}
