package support

import (
	"strconv"
	"time"
)

// timeError is the error of the parsers in this file.
type timeError struct {
	what  string // "date-time", "date", "duration"
	input string // quoted, shortened input
	msg   string
}

// Error implements the error interface.
func (e *timeError) Error() string {
	return "invalid " + e.what + " " + e.input + ": " + e.msg
}

func newTimeError(what string, b []byte, msg string) error {
	return &timeError{what: what, input: quoteSnippet(b), msg: msg}
}

// digits reads the n decimal digits at b[i:i+n].
func digits(b []byte, i, n int) (int, bool) {
	if i+n > len(b) {
		return 0, false
	}
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// daysIn returns the number of days of month m in year y.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// maxYear is the largest year the parsers accept and the encoders write:
// RFC 3339 has four-digit years, Graph's published date-time pattern any
// number of digits ([0-9]{4,}); time.Time holds years far beyond this.
const maxYear = 999_999_999

// parseDate parses "YYYY-MM-DD" at the start of b, the year of four or more
// digits (leading zeros allowed, as in Graph's pattern), and returns the
// length of the date and the message of what is wrong, or "".
func parseDate(b []byte) (Date, int, string) {
	y, n := 0, 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		if y > maxYear/10 {
			return Date{}, 0, "year out of range"
		}
		y = y*10 + int(b[n]-'0')
		n++
	}
	if y > maxYear {
		return Date{}, 0, "year out of range"
	}
	m, ok2 := digits(b, n+1, 2)
	d, ok3 := digits(b, n+4, 2)
	if n < 4 || !ok2 || !ok3 || b[n] != '-' || b[n+3] != '-' {
		return Date{}, 0, "want YYYY-MM-DD"
	}
	if m < 1 || m > 12 {
		return Date{}, 0, "month out of range"
	}
	if d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, 0, "day out of range"
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, n + 6, ""
}

// parseDateTime parses an RFC 3339 date-time (RFC 3339 §5.6) such as
// 2020-02-25T18:52:21.2169889Z or 2024-05-01T09:30:00+02:00, and what
// Microsoft Graph's published date-time pattern adds to it:
//
//	^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$
//
// Years have four or more digits (up to 999,999,999, leading zeros
// allowed); any number of fractional digits may follow a '.' (RFC 3339 sets
// no limit, Graph's pattern 12), of which time.Time keeps nine: digits past
// the ninth are dropped (truncated, as time.Parse does), which moves the
// instant by less than a nanosecond. A 'Z' or a ±hh:mm offset ends it.
// Only the upper-case 'T' and 'Z' are accepted: RFC 3339 allows lower case
// in a note, Graph's pattern does not, and Go's own time.Parse does not
// either. Everything else is rejected: a space instead of 'T', a missing
// offset, leap seconds (second 60, which time.Time cannot hold),
// out-of-range fields, offsets past 23:59 (Graph's pattern allows any two
// digits) and impossible dates such as February 30 (which the pattern
// allows and time.Time cannot hold).
//
// The result is in UTC for 'Z', and in a fixed zone with the given offset
// otherwise (-00:00 is taken as +00:00). It does not allocate for 'Z' and
// whole-hour offsets.
func parseDateTime(b []byte) (time.Time, error) {
	if len(b) < len("2006-01-02T15:04:05Z") {
		return time.Time{}, newTimeError("date-time", b, "too short")
	}
	date, i, msg := parseDate(b)
	if msg != "" {
		return time.Time{}, newTimeError("date-time", b, msg)
	}
	if len(b) < i+len("T15:04:05Z") {
		return time.Time{}, newTimeError("date-time", b, "too short")
	}
	if b[i] != 'T' {
		return time.Time{}, newTimeError("date-time", b, "want 'T' between date and time")
	}
	hh, ok1 := digits(b, i+1, 2)
	mm, ok2 := digits(b, i+4, 2)
	ss, ok3 := digits(b, i+7, 2)
	if !ok1 || !ok2 || !ok3 || b[i+3] != ':' || b[i+6] != ':' {
		return time.Time{}, newTimeError("date-time", b, "want hh:mm:ss")
	}
	if hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, newTimeError("date-time", b, "time out of range")
	}
	i += 9
	nsec := 0
	if b[i] == '.' {
		i++
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if n < 9 {
				nsec = nsec*10 + int(b[i]-'0')
			}
			n++
			i++
		}
		if n == 0 {
			return time.Time{}, newTimeError("date-time", b, "want digits after '.'")
		}
		for ; n < 9; n++ {
			nsec *= 10
		}
	}
	rest := b[i:]
	if len(rest) == 1 && rest[0] == 'Z' {
		return utcTime(date, hh, mm, ss, nsec), nil
	}
	if len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' {
		return time.Time{}, newTimeError("date-time", b, "want 'Z' or ±hh:mm offset at the end")
	}
	oh, ok1 := digits(rest, 1, 2)
	om, ok2 := digits(rest, 4, 2)
	if !ok1 || !ok2 || oh > 23 || om > 59 {
		return time.Time{}, newTimeError("date-time", b, "invalid offset")
	}
	off := (oh*60 + om) * 60
	if rest[0] == '-' {
		off = -off
	}
	if off == 0 {
		// +00:00 and -00:00 are UTC, as Z is, so all three decode alike.
		return utcTime(date, hh, mm, ss, nsec), nil
	}
	return time.Date(date.Year, date.Month, date.Day, hh, mm, ss, nsec, time.FixedZone("", off)), nil
}

// utcTime is time.Date(…, time.UTC) for a valid date and time of day,
// without its normalisation of out-of-range fields: the days since the
// Unix epoch come from the civil-calendar formula of Howard Hinnant's
// "chrono-compatible low-level date algorithms" (days_from_civil).
func utcTime(d Date, hh, mm, ss, nsec int) time.Time {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := int64(era)*146097 + int64(doe) - 719468
	return time.Unix(days*86400+int64(hh*3600+mm*60+ss), int64(nsec)).UTC()
}

// append2 appends v (0 <= v < 100) as two digits.
func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}

// append4 appends v as at least four digits.
func append4(dst []byte, v int) []byte {
	if v < 0 || v > 9999 {
		return strconv.AppendInt(dst, int64(v), 10)
	}
	return append(dst, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendFraction appends "." and the nanoseconds ns (0 < ns < 1e9) with
// trailing zeros removed.
func appendFraction(dst []byte, ns int) []byte {
	var buf [10]byte
	buf[0] = '.'
	for i := 9; i >= 1; i-- {
		buf[i] = byte('0' + ns%10)
		ns /= 10
	}
	n := 10
	for buf[n-1] == '0' {
		n--
	}
	return append(dst, buf[:n]...)
}

// appendTime appends t in RFC 3339 form, without quotes, with as many
// fractional digits as the value needs and no more (none for whole seconds,
// up to 9), so every value parseDateTime accepts is written back as the same
// instant with the same offset. Trailing zeros of the input are not kept
// (time.Time does not record them): Graph's "…05.3069770Z" comes back as
// "…05.306977Z", the same instant. UTC is written as 'Z'.
//
// An offset that is not a whole number of minutes (historical local mean
// times) cannot be written in RFC 3339, so such a time is written in UTC.
// Years past 9999 are written with all their digits, as Graph's pattern
// allows; years outside 0 to 999,999,999 are written as they are, which
// parseDateTime rejects; generated encoders report them as a
// *TimeRangeError instead.
func appendTime(dst []byte, t time.Time) []byte {
	dst, _ = appendDateTime(dst, t)
	return dst
}

// TimeRangeError is the error of encoding a date-time whose year is outside
// 0 to 999,999,999: no date-time format writes a negative year, and larger
// ones are past what parseDateTime reads back.
type TimeRangeError struct {
	Time time.Time
}

// Error implements the error interface.
func (e *TimeRangeError) Error() string {
	return "date-time " + e.Time.String() + " has a year outside 0 to 999999999"
}

// appendDateTime is AppendDateTime, reporting whether the year was in
// range.
func appendDateTime(dst []byte, t time.Time) ([]byte, bool) {
	_, off := t.Zone()
	if off%60 != 0 {
		t = t.UTC()
		off = 0
	}
	year, month, day := t.Date()
	inRange := year >= 0 && year <= maxYear
	hh, mm, ss := t.Clock()
	dst = append4(dst, year)
	dst = append(dst, '-')
	dst = append2(dst, int(month))
	dst = append(dst, '-')
	dst = append2(dst, day)
	dst = append(dst, 'T')
	dst = append2(dst, hh)
	dst = append(dst, ':')
	dst = append2(dst, mm)
	dst = append(dst, ':')
	dst = append2(dst, ss)
	if ns := t.Nanosecond(); ns != 0 {
		dst = appendFraction(dst, ns)
	}
	if off == 0 {
		return append(dst, 'Z'), inRange
	}
	sign := byte('+')
	if off < 0 {
		sign = '-'
		off = -off
	}
	off /= 60
	dst = append(dst, sign)
	dst = append2(dst, off/60%100)
	dst = append(dst, ':')
	return append2(dst, off%60), inRange
}

// Date is a calendar date without a time or a time zone, the JSON Schema
// "date" format (2006-01-02).
type Date struct {
	Year  int        // 0 to 999,999,999; four digits or more on the wire
	Month time.Month // 1 to 12
	Day   int        // 1 to the length of the month
}

// ParseDate parses a date of the form 2006-01-02: a year of four or more
// digits (as in Graph's date pattern) and a month and day that exist in that
// year.
func ParseDate(b []byte) (Date, error) {
	d, n, msg := parseDate(b)
	if msg == "" && n != len(b) {
		msg = "want YYYY-MM-DD"
	}
	if msg != "" {
		return Date{}, newTimeError("date", b, msg)
	}
	return d, nil
}

// appendTo appends the date as YYYY-MM-DD, without quotes, with more year
// digits when the year needs them. Years outside 0 to 999,999,999 are
// written as they are, which ParseDate rejects.
func (d Date) appendTo(dst []byte) []byte {
	dst = append4(dst, d.Year)
	dst = append(dst, '-')
	dst = append2(dst, int(d.Month)%100)
	dst = append(dst, '-')
	return append2(dst, d.Day%100)
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	var buf [16]byte
	return string(d.appendTo(buf[:0]))
}

// Duration is an ISO 8601 duration as APIs send it: Microsoft Graph's
// Edm.Duration values such as PT0.016S or -P1DT2H, and the calendar forms
// P1Y2M and P3W.
//
// The accepted syntax is
//
//	[-] P [nY] [nM] [nW] [nD] [T [nH] [nM] [n[.f]S]]
//
// with at least one component, at least one after a 'T', the components in
// that order, each at most once, n a decimal integer that fits in an int64,
// and f one or more fractional digits, allowed on seconds only, of which
// nine are kept: digits past the ninth are dropped, as in date-times
// (Graph's duration pattern allows any number). A '+' sign, a ','
// decimal separator, fractions of other units, lower-case designators and
// the alternative format (P0001-02-03T...) are rejected.
//
// The components are kept as written (PT90M stays 90 minutes, it is not
// normalized to PT1H30M) and must not be negative: the sign is Negative.
// A zero duration is never Negative. [Duration.appendTo] writes the
// components that are not zero, or PT0S when all are zero, which parses back
// to an equal Duration.
type Duration struct {
	Negative bool  // a leading '-': the whole duration is negative
	Years    int64 // nY before the 'T'
	Months   int64 // nM before the 'T'
	Weeks    int64 // nW
	Days     int64 // nD
	Hours    int64 // nH
	Minutes  int64 // nM after the 'T'
	Seconds  int64 // whole seconds of n.fS
	Nanos    int32 // fraction of a second of n.fS, 0 to 999999999 (nine digits kept)
}

// ParseDuration parses an ISO 8601 duration in the syntax described at
// [Duration].
func ParseDuration(b []byte) (Duration, error) {
	var d Duration
	i := 0
	if i < len(b) && b[i] == '-' {
		d.Negative = true
		i++
	}
	if i >= len(b) || b[i] != 'P' {
		return Duration{}, newTimeError("duration", b, "want 'P'")
	}
	i++
	const dateUnits, timeUnits = "YMWD", "HMS"
	units := dateUnits
	next := 0 // index in units of the first designator still allowed
	inTime, seen, seenTime := false, false, false
	for i < len(b) {
		if b[i] == 'T' {
			if inTime {
				return Duration{}, newTimeError("duration", b, "repeated 'T'")
			}
			inTime, units, next = true, timeUnits, 0
			i++
			continue
		}
		start := i
		var v int64
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			c := int64(b[i] - '0')
			if v > (1<<63-1-c)/10 {
				return Duration{}, newTimeError("duration", b, "number too large")
			}
			v = v*10 + c
			i++
		}
		if i == start {
			return Duration{}, newTimeError("duration", b, "want digits")
		}
		nanos, frac := int32(0), false
		if i < len(b) && b[i] == '.' {
			i++
			n := 0
			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
				if n < 9 {
					nanos = nanos*10 + int32(b[i]-'0')
				}
				n++
				i++
			}
			if n == 0 {
				return Duration{}, newTimeError("duration", b, "want digits after '.'")
			}
			for ; n < 9; n++ {
				nanos *= 10
			}
			frac = true
		}
		if i >= len(b) {
			return Duration{}, newTimeError("duration", b, "missing designator")
		}
		u := -1
		for k := next; k < len(units); k++ {
			if units[k] == b[i] {
				u = k
				break
			}
		}
		if u < 0 {
			return Duration{}, newTimeError("duration", b, "unexpected "+describeByte(b[i]))
		}
		if frac && !(inTime && units[u] == 'S') {
			return Duration{}, newTimeError("duration", b, "fraction allowed on seconds only")
		}
		next = u + 1
		i++
		seen = true
		if !inTime {
			switch units[u] {
			case 'Y':
				d.Years = v
			case 'M':
				d.Months = v
			case 'W':
				d.Weeks = v
			default:
				d.Days = v
			}
			continue
		}
		seenTime = true
		switch units[u] {
		case 'H':
			d.Hours = v
		case 'M':
			d.Minutes = v
		default:
			d.Seconds, d.Nanos = v, nanos
		}
	}
	if inTime && !seenTime {
		return Duration{}, newTimeError("duration", b, "'T' without time components")
	}
	if !seen {
		return Duration{}, newTimeError("duration", b, "no components")
	}
	if d.IsZero() {
		d.Negative = false
	}
	return d, nil
}

// IsZero reports whether every component of d is zero.
func (d Duration) IsZero() bool {
	return d.Years == 0 && d.Months == 0 && d.Weeks == 0 && d.Days == 0 &&
		d.Hours == 0 && d.Minutes == 0 && d.Seconds == 0 && d.Nanos == 0
}

// appendComponent appends v and its designator unless v is zero.
func appendComponent(dst []byte, v int64, unit byte) []byte {
	if v == 0 {
		return dst
	}
	return append(strconv.AppendInt(dst, v, 10), unit)
}

// appendTo appends d in its canonical ISO 8601 form, without quotes: the
// components that are not zero, or PT0S when all are.
func (d Duration) appendTo(dst []byte) []byte {
	if d.IsZero() {
		return append(dst, "PT0S"...)
	}
	if d.Negative {
		dst = append(dst, '-')
	}
	dst = append(dst, 'P')
	dst = appendComponent(dst, d.Years, 'Y')
	dst = appendComponent(dst, d.Months, 'M')
	dst = appendComponent(dst, d.Weeks, 'W')
	dst = appendComponent(dst, d.Days, 'D')
	if d.Hours == 0 && d.Minutes == 0 && d.Seconds == 0 && d.Nanos == 0 {
		return dst
	}
	dst = append(dst, 'T')
	dst = appendComponent(dst, d.Hours, 'H')
	dst = appendComponent(dst, d.Minutes, 'M')
	if d.Seconds == 0 && d.Nanos == 0 {
		return dst
	}
	dst = strconv.AppendInt(dst, d.Seconds, 10)
	if d.Nanos > 0 && d.Nanos < 1e9 {
		dst = appendFraction(dst, int(d.Nanos))
	}
	return append(dst, 'S')
}

// String returns d in its canonical ISO 8601 form.
func (d Duration) String() string {
	var buf [64]byte
	return string(d.appendTo(buf[:0]))
}

// Std converts d to a time.Duration, taking a week as 7 days and a day as 24
// hours. It returns false when d has years or months, whose length varies,
// or does not fit in a time.Duration.
func (d Duration) Std() (time.Duration, bool) {
	if d.Years != 0 || d.Months != 0 {
		return 0, false
	}
	const maxD = 1<<63 - 1
	var total int64
	for _, c := range [...]struct{ v, unit int64 }{
		{d.Weeks, int64(7 * 24 * time.Hour)},
		{d.Days, int64(24 * time.Hour)},
		{d.Hours, int64(time.Hour)},
		{d.Minutes, int64(time.Minute)},
		{d.Seconds, int64(time.Second)},
		{int64(d.Nanos), 1},
	} {
		if c.v < 0 || c.v > maxD/c.unit {
			return 0, false
		}
		p := c.v * c.unit
		if total > maxD-p {
			return 0, false
		}
		total += p
	}
	if d.Negative {
		total = -total
	}
	return time.Duration(total), true
}

// DurationFromStd returns the Duration of d in hours, minutes and seconds,
// such as PT1H30M or PT0.016S.
func DurationFromStd(d time.Duration) Duration {
	var r Duration
	u := uint64(d)
	if d < 0 {
		r.Negative = true
		u = -u
	}
	r.Hours = int64(u / uint64(time.Hour))
	u %= uint64(time.Hour)
	r.Minutes = int64(u / uint64(time.Minute))
	u %= uint64(time.Minute)
	r.Seconds = int64(u / uint64(time.Second))
	r.Nanos = int32(u % uint64(time.Second))
	return r
}

// timeValue reads the string holding a time value and returns its
// contents and offset.
func (d *decoder) timeValue(what string) ([]byte, int, error) {
	d.skipWS()
	start := d.pos
	if start >= len(d.data) || d.data[start] != '"' {
		return nil, start, d.errUnexpectedKind(what + " string")
	}
	b, err := d.readString()
	return b, start, err
}

// dateTimeValue reads a string holding an RFC 3339 date-time, as
// [parseDateTime] does.
func (d *decoder) dateTimeValue() (time.Time, error) {
	b, start, err := d.timeValue("date-time")
	if err != nil {
		return time.Time{}, err
	}
	t, err := parseDateTime(b)
	if err != nil {
		return time.Time{}, d.errAt(start, err.Error())
	}
	return t, nil
}

// dateValue reads a string holding a date, as [ParseDate] does.
func (d *decoder) dateValue() (Date, error) {
	b, start, err := d.timeValue("date")
	if err != nil {
		return Date{}, err
	}
	v, err := ParseDate(b)
	if err != nil {
		return Date{}, d.errAt(start, err.Error())
	}
	return v, nil
}

// durationValue reads a string holding an ISO 8601 duration, as [ParseDuration]
// does.
func (d *decoder) durationValue() (Duration, error) {
	b, start, err := d.timeValue("duration")
	if err != nil {
		return Duration{}, err
	}
	v, err := ParseDuration(b)
	if err != nil {
		return Duration{}, d.errAt(start, err.Error())
	}
	return v, nil
}
