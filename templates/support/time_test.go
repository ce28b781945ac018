package support

import (
	"math"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in     string
		want   time.Time
		offset int // seconds east of UTC
		out    string
	}{
		{"2020-02-25T18:52:21.2169889Z", time.Date(2020, 2, 25, 18, 52, 21, 216988900, time.UTC), 0, ""},
		{"2020-02-25T18:52:21Z", time.Date(2020, 2, 25, 18, 52, 21, 0, time.UTC), 0, ""},
		{"2020-02-25T18:52:21.5Z", time.Date(2020, 2, 25, 18, 52, 21, 500000000, time.UTC), 0, ""},
		{"2020-02-25T18:52:21.123456789Z", time.Date(2020, 2, 25, 18, 52, 21, 123456789, time.UTC), 0, ""},
		{"2020-02-25T18:52:21.100Z", time.Date(2020, 2, 25, 18, 52, 21, 100000000, time.UTC), 0, "2020-02-25T18:52:21.1Z"},
		{"2020-02-25T18:52:21.000Z", time.Date(2020, 2, 25, 18, 52, 21, 0, time.UTC), 0, "2020-02-25T18:52:21Z"},
		{"2024-05-01T09:30:00+02:00", time.Date(2024, 5, 1, 7, 30, 0, 0, time.UTC), 7200, ""},
		{"2024-05-01T09:30:00-08:00", time.Date(2024, 5, 1, 17, 30, 0, 0, time.UTC), -28800, ""},
		{"2024-05-01T09:30:00+05:30", time.Date(2024, 5, 1, 4, 0, 0, 0, time.UTC), 19800, ""},
		{"2024-05-01T09:30:00+00:00", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), 0, "2024-05-01T09:30:00Z"},
		{"2024-05-01T09:30:00-00:00", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), 0, "2024-05-01T09:30:00Z"},
		{"2024-02-29T23:59:59.999999999+23:59", time.Date(2024, 2, 29, 0, 0, 59, 999999999, time.UTC), 86340, ""},
		{"0000-01-01T00:00:00Z", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), 0, ""},
		{"9999-12-31T23:59:59Z", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), 0, ""},
		{"2000-02-29T00:00:00Z", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC), 0, ""},
		// Graph's pattern: up to 12 fractional digits (the ones past the
		// ninth dropped), years of more than four digits.
		{"2020-02-25T18:52:21.1234567890Z", time.Date(2020, 2, 25, 18, 52, 21, 123456789, time.UTC), 0, "2020-02-25T18:52:21.123456789Z"},
		{"2020-02-25T18:52:21.123456789999Z", time.Date(2020, 2, 25, 18, 52, 21, 123456789, time.UTC), 0, "2020-02-25T18:52:21.123456789Z"},
		{"2020-02-25T18:52:21.000000000999+01:00", time.Date(2020, 2, 25, 17, 52, 21, 0, time.UTC), 3600, "2020-02-25T18:52:21+01:00"},
		{"10000-01-01T00:00:00Z", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), 0, ""},
		{"02024-02-29T00:00:00.5Z", time.Date(2024, 2, 29, 0, 0, 0, 500000000, time.UTC), 0, "2024-02-29T00:00:00.5Z"},
		{"999999999-12-31T23:59:59.999999999999-23:59", time.Date(1000000000, 1, 1, 23, 58, 59, 999999999, time.UTC), -86340, "999999999-12-31T23:59:59.999999999-23:59"},
	}
	for _, tt := range tests {
		got, err := parseDateTime([]byte(tt.in))
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDateTime(%s) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		if _, off := got.Zone(); off != tt.offset {
			t.Errorf("ParseDateTime(%s) offset %d, want %d", tt.in, off, tt.offset)
		}
		ref, err := time.Parse(time.RFC3339Nano, tt.in)
		if got.Year() > 9999 || strings.HasPrefix(tt.in, "0") && got.Year() > 0 {
			// time.Parse reads four-digit years only.
			ref, err = got, nil
		}
		if err != nil || !ref.Equal(got) {
			t.Errorf("time.Parse(%s) = %v, %v", tt.in, ref, err)
		}
		out := tt.out
		if out == "" {
			out = tt.in
		}
		if s := string(appendTime(nil, got)); s != out {
			t.Errorf("AppendDateTime(%s) = %s, want %s", tt.in, s, out)
		}
	}
}

func TestParseDateTimeRejects(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "too short"},
		{"2020-02-25", "too short"},
		{"2020-02-25t18:52:21Z", "want 'T'"},
		{"2020-02-25 18:52:21Z", "want 'T'"},
		{"2020-02-25T18:52:21z", "want 'Z'"},
		{"2020-02-25T18:52:21", "too short"},
		{"2020-02-25T18:52:21.Z", "want digits after '.'"},
		{"999-02-25T18:52:21.5Z", "want YYYY-MM-DD"},
		{"1000000000-02-25T18:52:21Z", "year out of range"},
		{"99999999999999999999999-02-25T18:52:21Z", "year out of range"},
		{"2020-02-25T18:52:21,5Z", "want 'Z'"},
		{"2020-02-25T18:52:60Z", "time out of range"},
		{"2020-02-25T24:00:00Z", "time out of range"},
		{"2020-02-25T23:60:00Z", "time out of range"},
		{"2020-13-25T18:52:21Z", "month out of range"},
		{"2020-00-25T18:52:21Z", "month out of range"},
		{"2021-02-29T18:52:21Z", "day out of range"},
		{"1900-02-29T18:52:21Z", "day out of range"},
		{"2020-04-31T18:52:21Z", "day out of range"},
		{"2020-04-00T18:52:21Z", "day out of range"},
		{"2020-2-25T18:52:21.5Z", "want YYYY-MM-DD"},
		{"20200225T185221Z.....", "want YYYY-MM-DD"},
		{"+2020-02-25T18:52:21Z", "want YYYY-MM-DD"},
		{"2020-02-25T18:52:21+0100", "offset at the end"},
		{"2020-02-25T18:52:21+01", "offset at the end"},
		{"2020-02-25T18:52:21+24:00", "invalid offset"},
		{"2020-02-25T18:52:21+01:60", "invalid offset"},
		{"2020-02-25T18:52:21+1a:00", "invalid offset"},
		{"2020-02-25T18:52:21ZZ", "offset at the end"},
		{"2020-02-25T18:52:21Z ", "offset at the end"},
		{"2020-02-25T18:5:21Z0", "want hh:mm:ss"},
		{"2020-02-25T18:52:21 UTC", "offset at the end"},
		{"２０２０-02-25T18:52:21Z", "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		got, err := parseDateTime([]byte(tt.in))
		if err == nil {
			t.Errorf("ParseDateTime(%q) = %v, want error", tt.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "invalid date-time ") {
			t.Errorf("ParseDateTime(%q) error %q, want %q", tt.in, err, tt.msg)
		}
	}
	long := []byte("2020-02-25T18:52:21." + strings.Repeat("1", 10000) + "X")
	if _, err := parseDateTime(long); err == nil || len(err.Error()) > 200 {
		t.Errorf("long input error: %v", err)
	}
}

// graphDateTime is Microsoft Graph's published pattern of Edm.DateTimeOffset,
// as in Graph's OpenAPI description (copied from the third-party split
// api-evangelist/microsoft-graph,
// openapi/microsoft-graph-communications-callrecord-api-openapi.yml, the
// fromDateTime parameter; seed facts Â§1 quote the same pattern).
var graphDateTime = regexp.MustCompile(`^[0-9]{4,}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])$`)

// TestParseDateTimeAcceptsGraphPattern: over every combination of the parts
// of a date-time, written well and badly, parseDateTime accepts exactly what
// Graph's pattern accepts, except where the pattern accepts what no
// time.Time is (February 30, offsets past 23:59) and where RFC 3339 accepts
// more (fractions of more than 12 digits); and what it accepts keeps
// the first nine fractional digits and writes back as the same instant.
func TestParseDateTimeAcceptsGraphPattern(t *testing.T) {
	years := []string{"2024", "0000", "0001", "9999", "10000", "02024", "123456789", "999", "1000000000", "2o24"}
	months := []string{"01", "02", "12", "00", "13", "1"}
	days := []string{"01", "28", "29", "30", "31", "00", "32"}
	times := []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:00"}
	fractions := []string{"", ".", ".5", ".123456789", ".1234567891", ".123456789012", ".1234567890123", ".0000000009"}
	zones := []string{"Z", "z", "+00:00", "-00:00", "+05:30", "-23:59", "+24:00", "+05:60", "+99:99", "", "+0530", "+05"}
	n, accepted := 0, 0
	for _, y := range years {
		for _, mo := range months {
			for _, d := range days {
				for _, tm := range times {
					for _, f := range fractions {
						for _, z := range zones {
							in := y + "-" + mo + "-" + d + "T" + tm + f + z
							n++
							got, err := parseDateTime([]byte(in))
							want := graphDateTime.MatchString(in)
							if !want && len(f) > 13 {
								// RFC 3339 sets no limit on fractional
								// digits, the pattern 12: accept what RFC
								// 3339 accepts.
								want = graphDateTime.MatchString(y + "-" + mo + "-" + d + "T" + tm + f[:13] + z)
							}
							if want {
								// What time.Time cannot hold: the pattern
								// checks no month lengths and no offset range.
								yv, _ := strconv.Atoi(y)
								dv, _ := strconv.Atoi(d)
								mv, _ := strconv.Atoi(mo)
								if dv > daysIn(time.Month(mv), yv) || z == "+24:00" || z == "+05:60" || z == "+99:99" || yv > maxYear {
									want = false
								}
							}
							if (err == nil) != want {
								t.Errorf("ParseDateTime(%s): %v, %v; want accepted %v", in, got, err, want)
								continue
							}
							if err != nil {
								continue
							}
							accepted++
							digits := strings.TrimPrefix(f, ".") + "000000000"
							if ns, _ := strconv.Atoi(digits[:9]); got.Nanosecond() != ns {
								t.Errorf("ParseDateTime(%s): %d ns, want %d", in, got.Nanosecond(), ns)
							}
							back, err := parseDateTime(appendTime(nil, got))
							if err != nil || !back.Equal(got) {
								t.Errorf("ParseDateTime(%s) writes back as %s: %v", in, appendTime(nil, got), err)
							}
						}
					}
				}
			}
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d of %d accepted", accepted, n)
	}
	t.Logf("%d date-times, %d accepted", n, accepted)
}

func TestAppendDateTime(t *testing.T) {
	lmt := time.FixedZone("LMT", -(4*3600 + 56*60 + 2)) // not whole minutes
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2020, 2, 25, 18, 52, 21, 216988900, time.UTC), "2020-02-25T18:52:21.2169889Z"},
		{time.Date(2020, 2, 25, 18, 52, 21, 1, time.UTC), "2020-02-25T18:52:21.000000001Z"},
		{time.Date(2020, 2, 25, 18, 52, 21, 0, time.FixedZone("X", -90*60)), "2020-02-25T18:52:21-01:30"},
		{time.Date(1883, 11, 18, 12, 0, 0, 0, lmt), "1883-11-18T16:56:02Z"},
		{time.Date(5, 1, 2, 3, 4, 5, 0, time.UTC), "0005-01-02T03:04:05Z"},
		{time.Time{}, "0001-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := string(appendTime(nil, tt.t)); got != tt.want {
			t.Errorf("AppendDateTime(%v) = %s, want %s", tt.t, got, tt.want)
		}
		back, err := parseDateTime([]byte(tt.want))
		if err != nil || !back.Equal(tt.t) {
			t.Errorf("ParseDateTime(%s) = %v, %v; want %v", tt.want, back, err, tt.t)
		}
		if ref := tt.t.Format(time.RFC3339Nano); ref != tt.want && tt.t.Location() != lmt {
			t.Errorf("time.Format gives %s, we give %s", ref, tt.want)
		}
	}
	// In the local zone too.
	now := time.Now()
	back, err := parseDateTime(appendTime(nil, now))
	if err != nil || !back.Equal(now) {
		t.Errorf("now round trip: %v, %v", back, err)
	}
}

func FuzzDateTime(f *testing.F) {
	for _, s := range []string{
		"2020-02-25T18:52:21.2169889Z", "2024-05-01T09:30:00+05:30", "2024-02-29T23:59:59.999999999-23:59",
		"2020-02-25T18:52:21.100Z", "2021-02-29T00:00:00Z", "2020-02-25t18:52:21z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDateTime([]byte(s))
		if err != nil {
			if len(err.Error()) > 200 {
				t.Fatalf("error too long: %d bytes", len(err.Error()))
			}
			return
		}
		// Whatever we accept, time.Parse accepts as the same instant.
		ref, rerr := time.Parse(time.RFC3339Nano, s)
		if rerr != nil || !ref.Equal(got) {
			t.Fatalf("ParseDateTime(%q) = %v but time.Parse = %v, %v", s, got, ref, rerr)
		}
		out := appendTime(nil, got)
		back, err := parseDateTime(out)
		if err != nil || !back.Equal(got) {
			t.Fatalf("round trip of %q via %s: %v, %v", s, out, back, err)
		}
		_, off1 := got.Zone()
		_, off2 := back.Zone()
		if off1 != off2 {
			t.Fatalf("offset changed: %q -> %s", s, out)
		}
		if again := appendTime(nil, back); string(again) != string(out) {
			t.Fatalf("not canonical: %s then %s", out, again)
		}
		if len(out) > len(s) {
			t.Fatalf("output %s longer than input %q", out, s)
		}
	})
}

func TestDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		{"2006-01-02", Date{2006, time.January, 2}},
		{"2024-02-29", Date{2024, time.February, 29}},
		{"0000-12-31", Date{0, time.December, 31}},
		{"9999-01-01", Date{9999, time.January, 1}},
	}
	for _, tt := range valid {
		got, err := ParseDate([]byte(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%s) = %v, %v", tt.in, got, err)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("String = %s, want %s", s, tt.in)
		}
		if s := string(got.appendTo([]byte("x"))); s != "x"+tt.in {
			t.Errorf("AppendTo = %s", s)
		}
	}
	invalid := []struct{ in, msg string }{
		{"", "want YYYY-MM-DD"},
		{"2006-1-02", "want YYYY-MM-DD"},
		{"2006-01-02T00:00:00Z", "want YYYY-MM-DD"},
		{"2006/01/02", "want YYYY-MM-DD"},
		{"2023-02-29", "day out of range"},
		{"2023-06-31", "day out of range"},
		{"2023-13-01", "month out of range"},
		{"-006-01-02", "want YYYY-MM-DD"},
		{"2006-01-0x", "want YYYY-MM-DD"},
	}
	for _, tt := range invalid {
		if _, err := ParseDate([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.msg)
		}
	}
	if s := (Date{12345, 1, 2}).String(); s != "12345-01-02" {
		t.Errorf("out of range year: %s", s)
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		in   string
		want Duration
		out  string // canonical form, when it differs from in
		std  time.Duration
		ok   bool
	}{
		{"PT0.016S", Duration{Seconds: 0, Nanos: 16000000}, "", 16 * time.Millisecond, true},
		{"PT0S", Duration{}, "", 0, true},
		{"PT1.5S", Duration{Seconds: 1, Nanos: 500000000}, "", 1500 * time.Millisecond, true},
		{"PT10M", Duration{Minutes: 10}, "", 10 * time.Minute, true},
		{"P1DT2H3M4.5S", Duration{Days: 1, Hours: 2, Minutes: 3, Seconds: 4, Nanos: 500000000}, "",
			26*time.Hour + 3*time.Minute + 4500*time.Millisecond, true},
		{"-P1DT2H", Duration{Negative: true, Days: 1, Hours: 2}, "", -26 * time.Hour, true},
		{"P1Y2M3W4D", Duration{Years: 1, Months: 2, Weeks: 3, Days: 4}, "", 0, false},
		{"P3W", Duration{Weeks: 3}, "", 21 * 24 * time.Hour, true},
		{"PT90M", Duration{Minutes: 90}, "", 90 * time.Minute, true},
		{"PT0.000000001S", Duration{Nanos: 1}, "", 1, true},
		// Digits past the ninth are dropped, as in date-times.
		{"PT0.0000000019S", Duration{Nanos: 1}, "PT0.000000001S", 1, true},
		{"PT1.123456789123456S", Duration{Seconds: 1, Nanos: 123456789}, "PT1.123456789S", 1123456789, true},
		{"PT0.100S", Duration{Nanos: 100000000}, "PT0.1S", 100 * time.Millisecond, true},
		{"P0D", Duration{}, "PT0S", 0, true},
		{"-PT0S", Duration{}, "PT0S", 0, true},
		{"PT0H0M0.0S", Duration{}, "PT0S", 0, true},
		{"P01DT02H", Duration{Days: 1, Hours: 2}, "P1DT2H", 26 * time.Hour, true},
		{"PT1H0M", Duration{Hours: 1}, "PT1H", time.Hour, true},
		{"P1M", Duration{Months: 1}, "", 0, false},
		{"PT1M", Duration{Minutes: 1}, "", time.Minute, true},
		{"P1Y", Duration{Years: 1}, "", 0, false},
		{"PT9223372036854775807S", Duration{Seconds: math.MaxInt64}, "", 0, false},
		{"PT2562047H47M16.854775807S", Duration{Hours: 2562047, Minutes: 47, Seconds: 16, Nanos: 854775807}, "", math.MaxInt64, true},
		{"PT2562047H47M16.854775808S", Duration{Hours: 2562047, Minutes: 47, Seconds: 16, Nanos: 854775808}, "", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseDuration([]byte(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		out := tt.out
		if out == "" {
			out = tt.in
		}
		if s := got.String(); s != out {
			t.Errorf("String(%s) = %s, want %s", tt.in, s, out)
		}
		back, err := ParseDuration(got.appendTo(nil))
		if err != nil || back != got {
			t.Errorf("round trip of %s: %+v, %v", tt.in, back, err)
		}
		std, ok := got.Std()
		if ok != tt.ok || ok && std != tt.std {
			t.Errorf("Std(%s) = %v, %v; want %v, %v", tt.in, std, ok, tt.std, tt.ok)
		}
	}
}

func TestDurationRejects(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "want 'P'"},
		{"P", "no components"},
		{"-P", "no components"},
		{"PT", "'T' without time components"},
		{"P1DT", "'T' without time components"},
		{"+PT1S", "want 'P'"},
		{"pt1s", "want 'P'"},
		{"PT1s", "unexpected 's'"},
		{"1S", "want 'P'"},
		{"PT1", "missing designator"},
		{"PT1.5", "missing designator"},
		{"PT.5S", "want digits"},
		{"PT1.S", "want digits after '.'"},
		{"PT1,5S", "unexpected ','"},
		{"P1.5D", "fraction allowed on seconds only"},
		{"PT1.5M", "fraction allowed on seconds only"},
		{"P1D1Y", "unexpected 'Y'"},
		{"P1D1D", "unexpected 'D'"},
		{"PT1S1M", "unexpected 'M'"},
		{"P1H", "unexpected 'H'"},
		{"PT1D", "unexpected 'D'"},
		{"PT1HT1M", "repeated 'T'"},
		{"P1DT1H ", "want digits"},
		{"--P1D", "want 'P'"},
		{"P-1D", "want digits"},
		{"PT9223372036854775808S", "number too large"},
		{"P0001-02-03", "unexpected '-'"},
	}
	for _, tt := range tests {
		got, err := ParseDuration([]byte(tt.in))
		if err == nil {
			t.Errorf("ParseDuration(%q) = %+v, want error", tt.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseDuration(%q) error %q, want %q", tt.in, err, tt.msg)
		}
	}
}

func TestDurationFromStd(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "PT0S"},
		{16 * time.Millisecond, "PT0.016S"},
		{90 * time.Minute, "PT1H30M"},
		{-26*time.Hour - time.Nanosecond, "-PT26H0.000000001S"},
		{math.MaxInt64, "PT2562047H47M16.854775807S"},
		{math.MinInt64, "-PT2562047H47M16.854775808S"},
	}
	for _, tt := range tests {
		got := DurationFromStd(tt.d)
		if s := got.String(); s != tt.want {
			t.Errorf("DurationFromStd(%v) = %s, want %s", tt.d, s, tt.want)
		}
		if tt.d != math.MinInt64 {
			if back, ok := got.Std(); !ok || back != tt.d {
				t.Errorf("Std(%s) = %v, %v", tt.want, back, ok)
			}
		}
	}
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"PT0.016S", "PT0S", "PT1.5S", "PT10M", "P1DT2H3M4.5S", "-P1Y2M3W4DT5H6M7.000000008S", "P"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration([]byte(s))
		if err != nil {
			return
		}
		out := d.appendTo(nil)
		back, err := ParseDuration(out)
		if err != nil || back != d {
			t.Fatalf("round trip of %q via %s: %+v, %v", s, out, back, err)
		}
		if std, ok := d.Std(); ok {
			if back, ok := DurationFromStd(std).Std(); !ok || back != std {
				t.Fatalf("Std round trip of %q: %v", s, back)
			}
		}
	})
}

func TestTimeAllocations(t *testing.T) {
	dt := []byte("2020-02-25T18:52:21.2169889Z")
	dtOff := []byte("2020-02-25T18:52:21.2169889-08:00")
	date := []byte("2020-02-25")
	dur := []byte("P1DT2H3M4.5S")
	buf := make([]byte, 0, 64)
	tm, _ := parseDateTime(dtOff)
	d, _ := ParseDuration(dur)
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseDateTime Z", func() { parseDateTime(dt) }},
		{"ParseDateTime offset", func() { parseDateTime(dtOff) }},
		{"AppendDateTime", func() { appendTime(buf[:0], tm) }},
		{"ParseDate", func() { ParseDate(date) }},
		{"Date.AppendTo", func() { Date{2020, 2, 25}.appendTo(buf[:0]) }},
		{"ParseDuration", func() { ParseDuration(dur) }},
		{"Duration.AppendTo", func() { d.appendTo(buf[:0]) }},
		{"Duration.Std", func() { d.Std() }},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(200, tt.f); got != 0 {
			t.Errorf("%s: %v allocations", tt.name, got)
		}
	}
}

// TestUTCTime compares utcTime with time.Date on every day of years around
// the calendar's corners (0000, leap centuries, the Unix epoch, 9999) and
// on random instants.
func TestUTCTime(t *testing.T) {
	check := func(y int, m time.Month, d, hh, mm, ss, ns int) {
		t.Helper()
		got := utcTime(Date{Year: y, Month: m, Day: d}, hh, mm, ss, ns)
		want := time.Date(y, m, d, hh, mm, ss, ns, time.UTC)
		if got != want {
			t.Fatalf("utcTime(%04d-%02d-%02d %02d:%02d:%02d.%09d) = %v, want %v", y, m, d, hh, mm, ss, ns, got, want)
		}
	}
	for _, y := range []int{0, 1, 3, 4, 99, 100, 399, 400, 1600, 1900, 1969, 1970, 2000, 2024, 2100, 9999} {
		for day := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == y; day = day.AddDate(0, 0, 1) {
			check(y, day.Month(), day.Day(), 23, 59, 59, 999999999)
		}
	}
	rng := rand.New(rand.NewSource(1))
	for range 100000 {
		y, m := rng.Intn(10000), time.Month(1+rng.Intn(12))
		check(y, m, 1+rng.Intn(daysIn(m, y)), rng.Intn(24), rng.Intn(60), rng.Intn(60), rng.Intn(1e9))
	}
}

func BenchmarkParseDateTime(b *testing.B) {
	in := []byte("2020-02-25T18:52:21.2169889Z")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parseDateTime(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTimeParseRFC3339(b *testing.B) {
	in := "2020-02-25T18:52:21.2169889Z"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := time.Parse(time.RFC3339Nano, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendDateTime(b *testing.B) {
	tm := time.Date(2020, 2, 25, 18, 52, 21, 216988900, time.UTC)
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = appendTime(buf[:0], tm)
	}
}

func BenchmarkParseDuration(b *testing.B) {
	in := []byte("PT0.016S")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseDuration(in); err != nil {
			b.Fatal(err)
		}
	}
}
