package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// maxDevices bounds the extensions a list may name, so that a typo
// (100-1000000) is an error rather than a million monitors.
const maxDevices = 100000

// devicesUsage is the syntax of a device list, for the flags' help.
const devicesUsage = "a list of extensions and LOW-HIGH ranges like 100,105,110-119 (repeatable)"

// parseDevices expands a device list, the one syntax of every command and
// of cstav3.yaml: elements separated by commas, each a dialling number
// (digits, *, #, +) or a range LOW-HIGH of numbers; spaces around elements
// and around the dash are ignored, and so are empty elements. A number
// named twice is kept once, in its first place. An error names the element
// at fault.
func parseDevices(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, el := range strings.Split(list, ",") {
		el = strings.TrimSpace(el)
		if el == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(el, "-")
		if !isRange {
			// "100 101" (from an environment variable) is two numbers.
			for _, d := range strings.Fields(el) {
				if !validDevice(d) {
					return nil, fmt.Errorf("device %q: not a dialling number (digits, *, #, +)", d)
				}
				add(d)
			}
			continue
		}
		lo, hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		switch {
		case err1 != nil || err2 != nil || !digits(lo) || !digits(hi):
			return nil, fmt.Errorf("range %q: use LOW-HIGH with numbers, e.g. 110-119", el)
		case b < a:
			return nil, fmt.Errorf("range %q is reversed: LOW comes first, e.g. %d-%d", el, b, a)
		case b-a >= maxDevices || len(out)+b-a >= maxDevices:
			return nil, fmt.Errorf("range %q: more than %d devices", el, maxDevices)
		}
		// 0100-0199 keeps its leading zero: 0100 and 100 are different
		// numbers to dial.
		width := 0
		if len(lo) > 1 && lo[0] == '0' {
			width = len(lo)
		}
		for n := a; n <= b; n++ {
			add(fmt.Sprintf("%0*d", width, n))
		}
	}
	return out, nil
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func validDevice(s string) bool {
	return s != "" && strings.Trim(s, "0123456789*#+") == ""
}

// deviceList is the value of a --devices flag: the lists as given (for the
// help's default and the configuration), each checked when it is set.
// Setting it again on the command line adds to it, as pflag's slices do.
type deviceList struct {
	items   []string
	changed bool // set since the default: the next Set adds
}

var _ pflag.SliceValue = (*deviceList)(nil)

func (l *deviceList) Set(s string) error {
	if _, err := parseDevices(s); err != nil {
		return err
	}
	if !l.changed {
		l.items, l.changed = nil, true
	}
	l.items = append(l.items, s)
	return nil
}

func (l *deviceList) Type() string   { return "list" }
func (l *deviceList) String() string { return strings.Join(l.items, ",") }

// Append adds one list, for pflag.SliceValue.
func (l *deviceList) Append(s string) error { return l.Set(s) }

// Replace sets the lists of the configuration file.
func (l *deviceList) Replace(ss []string) error {
	for _, s := range ss {
		if _, err := parseDevices(s); err != nil {
			return err
		}
	}
	l.items, l.changed = slices.Clone(ss), true
	return nil
}

// GetSlice returns the lists as given.
func (l *deviceList) GetSlice() []string { return slices.Clone(l.items) }

// devicesFlag adds --devices with the default def and usage what (the
// syntax is added), and the deprecated names of the same list in old.
func devicesFlag(fs *pflag.FlagSet, def, what string, old ...string) {
	l := &deviceList{}
	if def != "" {
		l.items = []string{def}
	}
	fs.Var(l, "devices", what+", "+devicesUsage)
	for _, name := range old {
		fs.Var(l, name, "deprecated: use --devices")
		deprecate(fs, name, "use --devices instead")
	}
}

// deprecate hides the flag name of fs and has configure warn, in one line
// on stderr, when the command line or the configuration uses it. (pflag's
// MarkDeprecated would print its warning with the help, on stdout.)
func deprecate(fs *pflag.FlagSet, name, instead string) {
	fs.MarkHidden(name)
	fs.SetAnnotation(name, annotationDeprecated, []string{instead})
}

const annotationDeprecated = "cstav3-monitor/deprecated"

// deprecation returns what to use instead of f, if f is deprecated.
func deprecation(f *pflag.Flag) string {
	if a := f.Annotations[annotationDeprecated]; len(a) > 0 {
		return a[0]
	}
	return ""
}

// devices returns the expanded --devices of cmd; none is an error.
func devices(cmd *cobra.Command) ([]string, error) {
	f := cmd.Flags().Lookup("devices")
	if f == nil {
		return nil, errors.New("no --devices flag")
	}
	devs, err := parseDevices(f.Value.String())
	if err != nil {
		return nil, usageErrorf("--devices: %v", err)
	}
	if len(devs) == 0 {
		return nil, usageErrorf("--devices: no extension given (e.g. --devices 100,105,110-119)")
	}
	return devs, nil
}

// deviceRange returns the bounds of a list of devices that are one range
// of numbers, as the simulator's extensions are.
func deviceRange(devs []string) (lo, hi int, err error) {
	nums := make([]int, 0, len(devs))
	for _, d := range devs {
		n, err := strconv.Atoi(d)
		if err != nil || !digits(d) {
			return 0, 0, usageErrorf("--devices: device %q: the simulated extensions are numbers", d)
		}
		nums = append(nums, n)
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	for i := 1; i < len(nums); i++ {
		if nums[i] != nums[i-1]+1 {
			return 0, 0, usageErrorf("--devices: the simulated extensions are one range LOW-HIGH, and %d is missing between %d and %d",
				nums[i-1]+1, nums[0], nums[len(nums)-1])
		}
	}
	return nums[0], nums[len(nums)-1], nil
}
