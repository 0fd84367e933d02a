package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpConsistent walks every command: each has a short description and
// examples (or subcommands), each flag a usage, each hidden flag is a
// deprecated name whose replacement the command has, and every flag an
// example uses is a current flag of that command.
func TestHelpConsistent(t *testing.T) {
	root := newRootCmd(&app{})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			return
		}
		path := c.CommandPath()
		if c.Short == "" {
			t.Errorf("%s: no short description", path)
		}
		if c.Example == "" && !c.HasAvailableSubCommands() {
			t.Errorf("%s: no examples", path)
		}
		check := func(f *pflag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s: no usage", path, f.Name)
			}
			if f.Hidden {
				d := deprecation(f)
				if d == "" {
					t.Errorf("%s --%s: hidden but not deprecated", path, f.Name)
				}
				name, _, _ := strings.Cut(strings.TrimPrefix(d, "use --"), " ")
				if g := c.Flags().Lookup(name); g == nil || g.Hidden {
					t.Errorf("%s --%s: deprecated for --%s, which it does not have", path, f.Name, name)
				}
			}
		}
		c.LocalFlags().VisitAll(check)
		for _, line := range strings.Split(c.Example, "\n") {
			checkExample(t, root, path, line)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// checkExample checks the flags of one example line of path's help.
func checkExample(t *testing.T, root *cobra.Command, path, line string) {
	t.Helper()
	line, _, _ = strings.Cut(line, "#")
	fields := strings.Fields(line)
	for i, f := range fields {
		if f != "cstav3-monitor" {
			continue
		}
		args := fields[i+1:]
		for j, a := range args {
			if a == "|" {
				args = args[:j]
				break
			}
		}
		cmd, _, err := root.Find(args)
		if err != nil {
			t.Errorf("%s: example %q: %v", path, line, err)
			return
		}
		for _, a := range args {
			if !strings.HasPrefix(a, "--") {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimPrefix(a, "--"), "=")
			fl := cmd.Flags().Lookup(name)
			if fl == nil {
				fl = cmd.InheritedFlags().Lookup(name)
			}
			if fl == nil || fl.Hidden {
				t.Errorf("%s: example %q uses --%s, not a flag of %s", path, line, name, cmd.CommandPath())
			}
		}
		return
	}
}
