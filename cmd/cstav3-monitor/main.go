// Command cstav3-monitor watches and drives Siemens HiPath PBXs over CSTA
// Phase III (ASN.1 BER), runs a simulated HiPath, and decodes captured CSTA
// traffic.
//
// Without arguments it runs a demo: a simulated HiPath with generated call
// traffic on 127.0.0.1, a client monitoring some of its extensions, and the
// live events on the terminal.
//
// Every flag can also be set in a configuration file, cstav3.yaml in the
// current directory or the file given with --config, and in environment
// variables CSTAV3_<FLAG> (dashes become underscores: CSTAV3_CALL_RATE).
// A key under a section named after the command applies to that command
// only (watch: {pbx: …} or CSTAV3_WATCH_PBX). Flags on the command line win
// over the environment, which wins over the file.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the request or the link failed
	exitUsage   = 2 // bad flags or arguments; a feature not available yet
	// exitInterrupted ends a call request that Ctrl-C (or SIGTERM) cut
	// short, 128+SIGINT as a shell reports it: the request may or may not
	// have been carried out, which a script must not take for success.
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// app is what the commands share: the configuration and the output.
type app struct {
	v       *viper.Viper
	stdout  io.Writer
	stderr  io.Writer
	logger  *slog.Logger
	running bool // a command's RunE started: later errors are not usage errors
}

// usageError is an error in the command line or configuration: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitError ends the command with a given code after its message (if any)
// was printed.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	a := &app{v: viper.New(), stdout: stdout, stderr: stderr, logger: slog.New(slog.DiscardHandler)}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "cstav3-monitor: "+ee.msg)
		}
		return ee.code
	}
	var ue *usageError
	if errors.As(err, &ue) || !a.running {
		fmt.Fprintln(stderr, "cstav3-monitor: "+err.Error())
		if cmd == nil {
			cmd = root
		}
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return exitUsage
	}
	fmt.Fprintln(stderr, "cstav3-monitor: "+err.Error())
	return exitFailure
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "cstav3-monitor",
		Short: "Watch, drive, simulate and decode Siemens HiPath CSTA Phase III links",
		Long: `cstav3-monitor talks CSTA Phase III (ECMA-269 services, ECMA-285 ASN.1/BER)
to Siemens HiPath 3000/4000, HiPath OpenOffice and OpenScape Office/Business.

Without a command it runs the demo: a simulated HiPath with generated calls on
127.0.0.1, a client monitoring some of its extensions, and the live events.

Every flag can also come from the configuration file cstav3.yaml (in the
current directory, or --config FILE) and from CSTAV3_* environment variables:
--pbx is CSTAV3_PBX, --call-rate CSTAV3_CALL_RATE. A key in a section named
after the command applies to that command only (watch: {pbx: …} in the file,
CSTAV3_WATCH_PBX in the environment). The command line wins over the
environment, which wins over the file.

Exit status: 0 on success (and on Ctrl-C, except for call), 1 when a request
or the link fails or (decode) anything was undecodable, 2 for bad flags or
arguments, 130 when Ctrl-C interrupts a call request.`,
		Example: `  cstav3-monitor                                   # the demo
  cstav3-monitor watch --pbx 10.0.0.5:7001 --devices 100,101
  cstav3-monitor watch --pbx 10.0.0.5 --devices 100-110 --format json --capture link.pcap
  cstav3-monitor call make 100 101 --pbx 10.0.0.5
  cstav3-monitor sim --listen 127.0.0.1:7001 --call-rate 2
  cstav3-monitor decode --pcap link.pcap`,
		Version:       version(),
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return a.configure(cmd)
		},
		RunE: a.runE(func(cmd *cobra.Command, args []string) error { return runDemo(cmd.Context(), a, cmd) }),
	}
	root.PersistentFlags().String("config", "", "configuration file (default ./cstav3.yaml if it exists)")
	root.PersistentFlags().BoolP("verbose", "v", false, "the same as --log-level debug")
	root.PersistentFlags().String("log-level", "info", "log to stderr at this level and above: error, warn, info (logins, sessions, link state, disconnects, refused connections) or debug (also every PDU in hex, the AARQ's password masked)")
	root.PersistentFlags().String("log-format", "text", "log as text (key=value) or json (one object per line)")
	root.PersistentFlags().String("color", "auto", "colour the text output: auto (when stdout is a terminal and NO_COLOR is unset), always or never")
	demoFlags(root)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{err.Error()} })

	demo := &cobra.Command{
		Use:   "demo",
		Short: "Run the demo (the same as no command)",
		Long:  "Start a simulated HiPath with generated calls on 127.0.0.1, monitor some of its extensions and print the live events until Ctrl-C.",
		Example: `  cstav3-monitor demo
  cstav3-monitor demo --devices 100-103,110 --call-rate 5 --format json`,
		Args: cobra.NoArgs,
		RunE: a.runE(func(cmd *cobra.Command, args []string) error { return runDemo(cmd.Context(), a, cmd) }),
	}
	demoFlags(demo)
	root.AddCommand(demo, newWatchCmd(a), newCallCmd(a), newSimCmd(a), newDecodeCmd(a), newBridgeCmd(a), newBenchCmd(a))
	for _, c := range root.Commands() {
		wrapRunE(a, c)
	}
	return root
}

// runE marks the start of a command's own work: errors after it are not
// usage errors unless they say so.
func (a *app) runE(f func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.running = true
		return f(cmd, args)
	}
}

func wrapRunE(a *app, c *cobra.Command) {
	if c.RunE != nil {
		f := c.RunE
		c.RunE = func(cmd *cobra.Command, args []string) error {
			a.running = true
			return f(cmd, args)
		}
	}
	for _, sub := range c.Commands() {
		wrapRunE(a, sub)
	}
}

// configure reads the configuration file and the environment and sets the
// flags the command line left alone.
func (a *app) configure(cmd *cobra.Command) error {
	v := a.v
	v.SetEnvPrefix("CSTAV3")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))
	v.AutomaticEnv()
	file, _ := cmd.Flags().GetString("config")
	if file == "" {
		file = os.Getenv("CSTAV3_CONFIG")
	}
	if file != "" {
		if _, err := os.Stat(file); err != nil {
			return usageErrorf("config file %s: %v", file, err)
		}
		v.SetConfigFile(file)
		v.SetConfigType("yaml") // whatever the file's name ends with
		if err := v.ReadInConfig(); err != nil {
			return usageErrorf("config file %s: %v", file, err)
		}
	} else {
		v.SetConfigName("cstav3")
		v.SetConfigType("yaml")
		v.AddConfigPath(".")
		if err := v.ReadInConfig(); err != nil {
			var nf viper.ConfigFileNotFoundError
			if !errors.As(err, &nf) {
				return usageErrorf("config file cstav3.yaml: %v", err)
			}
		}
	}
	loaded := v.ConfigFileUsed()
	if _, err := os.Stat(loaded); loaded != "" && err == nil {
		if err := checkConfigKeys(cmd.Root(), v, loaded); err != nil {
			return err
		}
	} else {
		loaded = ""
	}
	// The section of a command is its first word under the root: "call"
	// for "call make".
	section := ""
	for c := cmd; c.HasParent(); c = c.Parent() {
		section = c.Name()
	}
	// A deprecated name shares its value with the flag that replaced it:
	// a value the command line set, under either name, is not touched, and
	// the current name's key wins over the old one's.
	set := map[pflag.Value]bool{}
	var deprecated []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed {
			set[f.Value] = true
			if d := deprecation(f); d != "" {
				deprecated = append(deprecated, fmt.Sprintf("Flag --%s has been deprecated, %s", f.Name, d))
			}
		}
	})
	var err error
	apply := func(f *pflag.Flag) {
		if err != nil || set[f.Value] || f.Name == "config" || f.Name == "help" {
			return
		}
		keys := []string{f.Name}
		if section != "" {
			keys = []string{section + "." + f.Name, f.Name}
		}
		for _, k := range keys {
			if !v.IsSet(k) {
				continue
			}
			env := "CSTAV3_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(k))
			if e := setFlag(f, v.Get(k)); e != nil {
				err = usageErrorf("%s (from the configuration or %s): %v", k, env, e)
			}
			set[f.Value] = true
			if d := deprecation(f); d != "" {
				deprecated = append(deprecated, fmt.Sprintf("Key %s (or %s) has been deprecated, %s", k, env, d))
			}
			return
		}
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if deprecation(f) == "" {
			apply(f)
		}
	})
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if deprecation(f) != "" {
			apply(f)
		}
	})
	if err != nil {
		return err
	}
	for _, d := range deprecated {
		fmt.Fprintln(a.stderr, d)
	}
	logger, err := newLogger(cmd, a.stderr)
	if err != nil {
		return err
	}
	a.logger = logger
	if loaded != "" {
		a.logger.Info("configuration file loaded", "file", loaded)
	}
	return nil
}

// checkConfigKeys reports the first key of the configuration file that is
// neither a flag nor a command's section of its flags: a typo (pxb:) is an
// error naming it, not a silently ignored setting.
func checkConfigKeys(root *cobra.Command, v *viper.Viper, file string) error {
	known := map[string]bool{}
	addFlags := func(prefix string, fs *pflag.FlagSet) {
		fs.VisitAll(func(f *pflag.Flag) { known[prefix+f.Name] = true })
	}
	addFlags("", root.PersistentFlags())
	addFlags("", root.Flags())
	var walk func(section string, c *cobra.Command)
	walk = func(section string, c *cobra.Command) {
		addFlags("", c.Flags())
		addFlags(section+".", c.Flags())
		addFlags(section+".", root.PersistentFlags())
		for _, sub := range c.Commands() {
			walk(section, sub)
		}
	}
	for _, c := range root.Commands() {
		walk(c.Name(), c)
	}
	// Only the file's own keys: the environment is not a file's typo.
	fv := viper.New()
	fv.SetConfigFile(file)
	fv.SetConfigType("yaml")
	if err := fv.ReadInConfig(); err != nil {
		return usageErrorf("config file %s: %v", file, err)
	}
	for _, k := range fv.AllKeys() {
		if !known[k] {
			return usageErrorf("config file %s: unknown key %q (not a flag of any command)", file, k)
		}
	}
	return nil
}

// newLogger returns the logger of the --log-level, --log-format and -v
// flags, writing to w.
func newLogger(cmd *cobra.Command, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	name, _ := cmd.Flags().GetString("log-level")
	switch name {
	case "error":
		level = slog.LevelError
	case "warn":
		level = slog.LevelWarn
	case "info", "":
		level = slog.LevelInfo
	case "debug":
		level = slog.LevelDebug
	default:
		return nil, usageErrorf("--log-level %q: use error, warn, info or debug", name)
	}
	if verbose, _ := cmd.Flags().GetBool("verbose"); verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch format, _ := cmd.Flags().GetString("log-format"); format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, usageErrorf("--log-format %q: use text or json", format)
	}
}

// setFlag sets a flag from a configuration value: a list for slice flags
// (or a string of comma- or space-separated items), else its text.
func setFlag(f *pflag.Flag, val any) error {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		var items []string
		switch x := val.(type) {
		case []any:
			for _, e := range x {
				items = append(items, fmt.Sprint(e))
			}
		case []string:
			items = x
		default:
			if _, ok := sv.(*deviceList); ok {
				items = []string{fmt.Sprint(x)} // its own syntax
				break
			}
			items = strings.FieldsFunc(fmt.Sprint(x), func(r rune) bool { return r == ',' || r == ' ' })
		}
		return sv.Replace(items)
	}
	return f.Value.Set(fmt.Sprint(val))
}

func (a *app) str(cmd *cobra.Command, name string) string {
	s, _ := cmd.Flags().GetString(name)
	return s
}
