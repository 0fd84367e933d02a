package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cstav3/cstav3/internal/testutil"
)

// These tests run the built binary, as a user would. The first test that
// needs it builds it (with -race when the tests run with -race), once per
// process: not in TestMain, which every fuzzing worker runs too and which
// delayed each fuzz run by a build. They read its output line by line with
// deadlines; nothing sleeps to wait for an event.

var (
	binDir      string // made by TestMain, removed after the tests
	buildOnce   sync.Once
	binPath     string
	buildErr    error
	raceEnabled bool
)

const waitLong = 15 * time.Second

// binary returns the path of the built binary, building it the first time.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		path := filepath.Join(binDir, "cstav3-monitor")
		args := []string{"build", "-o", path}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("building the binary: %v\n%s", err, out)
			return
		}
		binPath = path
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	var err error
	if binDir, err = os.MkdirTemp("", "cstav3-monitor-test"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// cleanEnv is the environment of the binary: no CSTAV3_* or NO_COLOR of the
// caller's, plus extra.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "CSTAV3_") || strings.HasPrefix(e, "NO_COLOR=") {
			continue
		}
		env = append(env, e)
	}
	return append(env, extra...)
}

// result is the outcome of a finished run.
type result struct {
	stdout, stderr string
	code           int
}

// runBin runs the binary to its end (at most waitLong) in dir (the test's
// temporary directory if empty).
func runBin(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	return runBinStdin(t, dir, env, nil, args...)
}

// runBinStdin is runBin with stdin read from in (nil: the null device).
func runBinStdin(t *testing.T, dir string, env []string, in io.Reader, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	if dir == "" {
		dir = t.TempDir()
	}
	cmd.Dir = dir
	cmd.Env = cleanEnv(env...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("%v: %v", args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("%v did not end within %s; stderr: %s", args, waitLong, r.stderr)
	}
	return r
}

// proc is a running binary whose stdout is read line by line.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	lines  chan string
	stderr *testutil.SyncBuffer
	all    *testutil.SyncBuffer // every stdout line, for failure messages
	done   chan struct{}
	code   int
}

func startBin(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = t.TempDir()
	cmd.Env = cleanEnv(env...)
	p := &proc{t: t, cmd: cmd, lines: make(chan string, 4096), stderr: &testutil.SyncBuffer{}, all: &testutil.SyncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = p.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			p.all.Write([]byte(sc.Text() + "\n"))
			select {
			case p.lines <- sc.Text():
			default: // the test stopped reading; keep draining
			}
		}
		close(p.lines)
		err := cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			p.code = ee.ExitCode()
		} else if err != nil {
			p.code = -1
		}
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// waitLine returns the first line for which match is true, failing after
// waitLong or when the output ends.
func (p *proc) waitLine(what string, match func(string) bool) string {
	p.t.Helper()
	deadline := time.After(waitLong)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("output ended without %s; stdout:\n%s\nstderr:\n%s", what, p.all, p.stderr)
			}
			if match(l) {
				return l
			}
		case <-deadline:
			p.t.Fatalf("no %s within %s; stdout:\n%s\nstderr:\n%s", what, waitLong, p.all, p.stderr)
		}
	}
}

// interrupt sends SIGINT and returns the exit code.
func (p *proc) interrupt() int {
	p.t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		p.t.Fatal(err)
	}
	select {
	case <-p.done:
		return p.code
	case <-time.After(waitLong):
		p.t.Fatalf("no exit within %s of SIGINT; stderr:\n%s", waitLong, p.stderr)
		return -1
	}
}

// jsonLine parses one line of JSON output.
func jsonLine(t *testing.T, line string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("not a JSON object: %q: %v", line, err)
	}
	return m
}

// field walks a path of object keys.
func field(m map[string]any, path ...string) any {
	var v any = m
	for _, k := range path {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[k]
	}
	return v
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}
