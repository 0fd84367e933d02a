package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/hipath/hipathsim"
)

func newSimCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim [--listen HOST:PORT]",
		Short: "Run a simulated HiPath for testing CSTA clients",
		Long: `Run the HiPath simulator standalone: a CSTA Phase III switch with extensions
--devices, a call model behind them, and optionally generated call traffic
(--call-rate calls per second, a mix of answered, unanswered, transferred and
conferenced calls). It accepts any number of links that authenticate with
--user and --password, until Ctrl-C.

The first line printed is "hipathsim listening on HOST:PORT", with the port
chosen when --listen asks for port 0.`,
		Example: `  cstav3-monitor sim
  cstav3-monitor sim --listen 127.0.0.1:7001 --devices 100-199 --call-rate 2
  cstav3-monitor sim --listen 127.0.0.1:0 --capture sim.pcap --metrics 127.0.0.1:9465`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runSim(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	f.String("listen", "127.0.0.1:7001", "address to listen on, HOST:PORT (port 0: any free port)")
	devicesFlag(f, "100-199", "the extensions that exist (numbers, one range)")
	f.Float64("call-rate", 0, "generated calls per second (0: none)")
	f.Duration("hold-time", hipathsim.DefaultHoldTime, "talk time of a generated call")
	f.Int64("seed", 0, "seed of the traffic generator (0: from the clock)")
	f.String("user", hipathsim.DefaultUser, "user name the clients must authenticate with")
	f.String("password", hipathsim.DefaultPassword, "password the clients must authenticate with")
	f.Duration("status-interval", hipathsim.DefaultStatusInterval, "period of the switch's SystemStatus heartbeat (0: only the first)")
	f.String("capture", "", "write the traffic of every link to this pcap file")
	f.String("metrics", "", "serve Prometheus metrics on HOST:PORT/metrics")
	return cmd
}

func runSim(ctx context.Context, a *app, cmd *cobra.Command) error {
	devs, err := devices(cmd)
	if err != nil {
		return err
	}
	lo, hi, err := deviceRange(devs)
	if err != nil {
		return err
	}
	addr := a.str(cmd, "listen")
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return usageErrorf("--listen %q: not a HOST:PORT address", addr)
	}
	rate, _ := cmd.Flags().GetFloat64("call-rate")
	hold, _ := cmd.Flags().GetDuration("hold-time")
	seed, _ := cmd.Flags().GetInt64("seed")
	status, _ := cmd.Flags().GetDuration("status-interval")
	if rate < 0 || hold < 0 || status < 0 {
		return usageErrorf("--call-rate, --hold-time and --status-interval cannot be negative")
	}
	user, password := a.str(cmd, "user"), a.str(cmd, "password")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", addr, err)
	}
	x, err := a.startExtras(cmd)
	if err != nil {
		ln.Close()
		return err
	}
	if x.capture != nil {
		ln = x.capture.Listener(ln)
	}
	sim := hipathsim.New(hipathsim.Config{
		FirstDevice: lo, LastDevice: hi,
		User: user, Password: password,
		StatusInterval: status,
		Logger:         a.logger,
	})
	if x.reg != nil {
		x.reg.MustRegister(simCollector{sim})
	}
	served := make(chan error, 1)
	go func() { served <- sim.Serve(ln) }()
	fmt.Fprintf(a.stdout, "hipathsim listening on %s (extensions %d-%d, user %s)\n", ln.Addr(), lo, hi, user)
	if rate > 0 {
		if seed == 0 {
			seed = time.Now().UnixNano()
		}
		sim.StartTraffic(ctx, hipathsim.TrafficConfig{
			Rate: rate, Answered: 4, Unanswered: 2, Transferred: 2, Conferenced: 1,
			HoldTime: hold, Seed: seed,
		})
		fmt.Fprintf(a.stdout, "generating %g calls/s\n", rate)
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	sim.Close()
	if serveErr == nil {
		serveErr = <-served
	}
	st := sim.Stats()
	fmt.Fprintf(a.stdout, "hipathsim stopped: %d links, %d calls, %d events sent\n", st.LinksAccepted, st.CallsStarted, st.EventsSent)
	if cerr := x.close(); cerr != nil {
		return fmt.Errorf("capture: %v", cerr)
	}
	if serveErr != nil && !errors.Is(serveErr, hipathsim.ErrServerClosed) {
		return fmt.Errorf("simulator: %v", serveErr)
	}
	return nil
}
