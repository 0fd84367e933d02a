package ber

import (
	"bytes"
	"testing"
	"time"
)

func TestGeneralizedTime(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	tests := []struct {
		in    string
		loc   *time.Location
		want  time.Time
		zoned bool
	}{
		{"20100916120000", nil, time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), false},
		{"20100916120000", loc, time.Date(2010, 9, 16, 12, 0, 0, 0, loc), false},
		{"20100916120000Z", loc, time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), true},
		{"20100916235959Z", nil, time.Date(2010, 9, 16, 23, 59, 59, 0, time.UTC), true},
		{"19991231235960Z", nil, time.Date(1999, 12, 31, 23, 59, 60, 0, time.UTC), true}, // leap second
		{"201009161234Z", nil, time.Date(2010, 9, 16, 12, 34, 0, 0, time.UTC), true},
		{"2010091612Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), true},
		{"2010091612", nil, time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), false},
		{"20100916120000.5", nil, time.Date(2010, 9, 16, 12, 0, 0, 5e8, time.UTC), false},
		{"20100916120000.123Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 123e6, time.UTC), true},
		{"20100916120000,123Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 123e6, time.UTC), true},
		{"20100916120000.000001Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 1000, time.UTC), true},
		{"20100916120000.123456789Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 123456789, time.UTC), true},
		{"20100916120000.1234567891Z", nil, time.Date(2010, 9, 16, 12, 0, 0, 123456789, time.UTC), true},
		{"20100916120000+0130", nil, time.Date(2010, 9, 16, 10, 30, 0, 0, time.UTC), true},
		{"20100916120000-0500", nil, time.Date(2010, 9, 16, 17, 0, 0, 0, time.UTC), true},
		{"20100916120000+0000", nil, time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), true},
		{"20100916120000.25-2359", nil, time.Date(2010, 9, 17, 11, 59, 0, 25e7, time.UTC), true},
		{"00010101000000Z", nil, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"99991231235959Z", nil, time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
	}
	for _, tt := range tests {
		var b Builder
		b.AddString(TagGeneralizedTime, tt.in)
		enc, _ := b.Bytes()
		r := NewReader(enc)
		e, _ := r.Next()
		got, zoned, err := e.GeneralizedTime(tt.loc)
		if err != nil {
			t.Errorf("GeneralizedTime(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || zoned != tt.zoned {
			t.Errorf("GeneralizedTime(%q) = %v, %v; want %v, %v", tt.in, got, zoned, tt.want, tt.zoned)
		}
		if !zoned {
			wantLoc := tt.loc
			if wantLoc == nil {
				wantLoc = time.UTC
			}
			if got.Location() != wantLoc {
				t.Errorf("GeneralizedTime(%q) in %v, want %v", tt.in, got.Location(), wantLoc)
			}
		}
	}
	// An offset keeps the sender's wall clock.
	e := elem(t, hxs(append([]byte{0x18, 19}, "20100916120000+0130"...)))
	got, _, _ := e.GeneralizedTime(nil)
	if _, off := got.Zone(); off != 5400 || got.Hour() != 12 || got.Minute() != 0 {
		t.Errorf("offset time %v", got)
	}
}

// TestGeneralizedTimeFraction: X.680 46.2 lets the fraction apply to the
// last unit present, hours or minutes as well as seconds.
func TestGeneralizedTimeFraction(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2010091612.5Z", time.Date(2010, 9, 16, 12, 30, 0, 0, time.UTC)},
		{"201009161230.5Z", time.Date(2010, 9, 16, 12, 30, 30, 0, time.UTC)},
		{"201009161230,25", time.Date(2010, 9, 16, 12, 30, 15, 0, time.UTC)},
	}
	for _, tt := range tests {
		e := elem(t, hxs(append([]byte{0x18, byte(len(tt.in))}, tt.in...)))
		got, _, err := e.GeneralizedTime(nil)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("GeneralizedTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestGeneralizedTimeInvalid(t *testing.T) {
	for _, in := range []string{
		"",
		"201009161",            // too short
		"2010091612000",        // one-digit seconds
		"201009161",            // no hour
		"20100916120",          // one-digit minutes
		"2010-09-16T12:00:00Z", // ISO 8601 extended form
		"20100916120000.",      // empty fraction
		"20100916120000.Z",
		"20100916120000z",
		"20100916120000ZZ",
		"20100916120000Z0",
		"20100916120000+01",
		"20100916120000+010",
		"20100916120000+01000",
		"20100916120000+2400",
		"20100916120000+0060",
		"20100916120000+0a00",
		"20100916120000 ",
		"2010091612000a",
		"20101316120000Z", // month 13
		"20100016120000Z", // month 0
		"20100900120000Z", // day 0
		"20100932120000Z", // day 32
		"20100916240000Z", // hour 24
		"20100916126000Z", // minute 60
		"20100916120061Z", // second 61
		"-0100916120000Z",
		"2010 916120000Z",
	} {
		var b Builder
		b.AddString(TagGeneralizedTime, in)
		enc, _ := b.Bytes()
		r := NewReader(enc)
		e, _ := r.Next()
		got, zoned, err := e.GeneralizedTime(nil)
		checkErr(t, err, ErrInvalid, 2)
		if !got.IsZero() || zoned {
			t.Errorf("GeneralizedTime(%q) = %v, %v with an error", in, got, zoned)
		}
	}
	_, _, err := elem(t, "38 10 18 0e 32 30 31 30 30 39 31 36 31 32 30 30 30 30").GeneralizedTime(nil)
	checkErr(t, err, ErrInvalid, 2)
}

// TestGeneralizedTimeCalendar: days that do not exist in their month are
// invalid rather than silently moved to the next month.
func TestGeneralizedTimeCalendar(t *testing.T) {
	for _, in := range []string{"20100230120000Z", "20100931120000Z", "20100229120000Z", "19000229000000Z"} {
		e := elem(t, hxs(append([]byte{0x18, byte(len(in))}, in...)))
		got, _, err := e.GeneralizedTime(nil)
		if err == nil {
			t.Errorf("GeneralizedTime(%q) = %v, want ErrInvalid", in, got)
		}
	}
	e := elem(t, hxs(append([]byte{0x18, 15}, "20000229120000Z"...)))
	if got, _, err := e.GeneralizedTime(nil); err != nil || got.Day() != 29 {
		t.Errorf("leap day: %v, %v", got, err)
	}
}

func TestGeneralizedTimeBuild(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		t     time.Time
		zoned bool
		enc   string
	}{
		{time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), false, "20100916120000"},
		{time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC), true, "20100916120000Z"},
		{time.Date(2010, 9, 16, 12, 0, 0, 0, cet), false, "20100916120000"},
		{time.Date(2010, 9, 16, 12, 0, 0, 0, cet), true, "20100916110000Z"},
		{time.Date(2010, 9, 16, 12, 0, 0, 123456789, time.UTC), true, "20100916120000.123Z"},
		{time.Date(2010, 9, 16, 12, 0, 0, 5e6, time.UTC), false, "20100916120000.005"},
		{time.Date(2010, 9, 16, 12, 0, 0, 50e6, time.UTC), false, "20100916120000.050"},
		{time.Date(2010, 9, 16, 12, 0, 0, 999999, time.UTC), false, "20100916120000"}, // below 1 ms
		{time.Date(2010, 1, 1, 0, 30, 0, 0, cet), true, "20091231233000Z"},
	}
	for _, tt := range tests {
		got := build(t, func(b *Builder) { b.AddGeneralizedTime(TagGeneralizedTime, tt.t, tt.zoned) })
		want := append([]byte{0x18, byte(len(tt.enc))}, tt.enc...)
		if !bytes.Equal(got, want) {
			t.Errorf("AddGeneralizedTime(%v, %v) = %q, want %q", tt.t, tt.zoned, got[2:], tt.enc)
		}
		r := NewReader(got)
		e, _ := r.Next()
		back, zoned, err := e.GeneralizedTime(tt.t.Location())
		if err != nil || zoned != tt.zoned || !back.Equal(tt.t.Truncate(time.Millisecond)) {
			t.Errorf("round trip of %v: %v, %v, %v", tt.t, back, zoned, err)
		}
	}
}

// TestGeneralizedTimeBuildRange: YYYY has four digits, so other years cannot
// be encoded; the Builder reports that instead of writing a value that does
// not read back.
func TestGeneralizedTimeBuildRange(t *testing.T) {
	for _, tt := range []struct {
		t     time.Time
		zoned bool
	}{
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Date(9999, 12, 31, 23, 30, 0, 0, time.FixedZone("", -3600)), true}, // year 10000 in UTC
	} {
		var b Builder
		b.AddGeneralizedTime(TagGeneralizedTime, tt.t, tt.zoned)
		if out, err := b.Bytes(); err != ErrBuild {
			t.Errorf("AddGeneralizedTime(%v, %v) = %q, %v; want ErrBuild", tt.t, tt.zoned, out, err)
		}
	}
	for _, tm := range []time.Time{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)} {
		got := build(t, func(b *Builder) { b.AddGeneralizedTime(TagGeneralizedTime, tm, true) })
		r := NewReader(got)
		e, _ := r.Next()
		if back, _, err := e.GeneralizedTime(nil); err != nil || !back.Equal(tm) {
			t.Errorf("year %d: %q reads back as %v, %v", tm.Year(), e.Content(), back, err)
		}
	}
}
