package ber

import "time"

// GeneralizedTime decodes a GeneralizedTime ("YYYYMMDDHHMMSS[.fff][Z|±hhmm]";
// minutes and seconds may be omitted). A value without a zone is local time
// of the sender; it is read in loc (UTC if loc is nil) and zoned reports false.
func (e *Element) GeneralizedTime(loc *time.Location) (t time.Time, zoned bool, err error) {
	b := e.Content()
	bad := func() (time.Time, bool, error) {
		return time.Time{}, false, syntaxErr(ErrInvalid, e.ContentOffset(), "generalized time")
	}
	if e.Tag.IsConstructed() || len(b) < 10 {
		return bad()
	}
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var f [6]int // year, month, day, hour, minute, second
	widths := [6]int{4, 2, 2, 2, 2, 2}
	i, last := 0, 0
	for k, w := range widths {
		if k >= 4 && (i >= len(b) || b[i] < '0' || b[i] > '9') {
			break // minutes and seconds are optional
		}
		last = k
		if i+w > len(b) {
			return bad()
		}
		v, ok := num(b[i : i+w])
		if !ok {
			return bad()
		}
		f[k] = v
		i += w
	}
	nsec := 0
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		i++
		start := i
		scale := 100000000
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			nsec += int(b[i]-'0') * scale
			scale /= 10
			i++
		}
		if i == start {
			return bad()
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	switch {
	case i == len(b):
	case b[i] == 'Z' && i+1 == len(b):
		loc, zoned = time.UTC, true
	case (b[i] == '+' || b[i] == '-') && i+5 == len(b):
		hh, ok1 := num(b[i+1 : i+3])
		mm, ok2 := num(b[i+3 : i+5])
		if !ok1 || !ok2 || hh > 23 || mm > 59 {
			return bad()
		}
		off := hh*3600 + mm*60
		if b[i] == '-' {
			off = -off
		}
		loc, zoned = fixedZone(off), true
	default:
		return bad()
	}
	if f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60 {
		return bad()
	}
	// Reject days the month does not have (30 February) rather than let
	// time.Date move them into the next month.
	if f[2] > time.Date(f[0], time.Month(f[1])+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return bad()
	}
	// The fraction belongs to the last unit present (X.680 46.2): hours,
	// minutes or seconds.
	frac := time.Duration(nsec)
	switch last {
	case 3:
		frac *= 3600
	case 4:
		frac *= 60
	}
	return time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, loc).Add(frac), zoned, nil
}

func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

// appendGeneralizedTime appends t as YYYYMMDDHHMMSS[.fff] and, if zoned, Z
// after converting to UTC.
func appendGeneralizedTime(b []byte, t time.Time, zoned bool) []byte {
	if zoned {
		t = t.UTC()
	}
	b = t.AppendFormat(b, "20060102150405")
	if ms := t.Nanosecond() / 1e6; ms != 0 {
		b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	}
	if zoned {
		b = append(b, 'Z')
	}
	return b
}
