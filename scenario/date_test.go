package scenario_test

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/scenario"
)

// Validate checks as-of dates with its own isDate rather than time.Parse,
// which costs allocations. These tests hold it to its promise: it accepts
// exactly what time.Parse(time.DateOnly, s) accepts.

// parses reports whether time.Parse accepts s as a date.
func parses(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func TestIsDate(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   bool
	}{
		{reason: "the seed's date", in: "2025-08-21", want: true},
		{reason: "the first day of a year", in: "2025-01-01", want: true},
		{reason: "the last day of a year", in: "2025-12-31", want: true},
		{reason: "year zero", in: "0000-01-01", want: true},
		{reason: "the last year of four digits", in: "9999-12-31", want: true},
		{reason: "29 February of a leap year", in: "2024-02-29", want: true},
		{reason: "29 February of a year divisible by 400", in: "2000-02-29", want: true},
		{reason: "29 February of year zero, a leap year", in: "0000-02-29", want: true},
		{reason: "29 February of a year divisible by 100 but not 400", in: "1900-02-29"},
		{reason: "29 February of a common year", in: "2025-02-29"},
		{reason: "30 February", in: "2024-02-30"},
		{reason: "28 February of a common year", in: "2023-02-28", want: true},
		{reason: "month 00", in: "2025-00-10"},
		{reason: "month 13", in: "2025-13-10"},
		{reason: "month 12", in: "2025-12-10", want: true},
		{reason: "day 00", in: "2025-08-00"},
		{reason: "day 32", in: "2025-01-32"},
		{reason: "day 31 in April", in: "2025-04-31"},
		{reason: "day 31 in June", in: "2025-06-31"},
		{reason: "day 31 in September", in: "2025-09-31"},
		{reason: "day 31 in November", in: "2025-11-31"},
		{reason: "day 30 in November", in: "2025-11-30", want: true},
		{reason: "day 31 in August", in: "2025-08-31", want: true},
		{reason: "day 99", in: "2025-08-99"},
		{reason: "the empty string", in: ""},
		{reason: "a month without a day", in: "2025-08"},
		{reason: "one digit of month and day", in: "2025-8-1"},
		{reason: "one digit of day, padded to ten characters", in: "2025-08-1 "},
		{reason: "a leading space", in: " 2025-08-21"},
		{reason: "a trailing space", in: "2025-08-21 "},
		{reason: "a space for a leading zero of the day", in: "2025-08- 1"},
		{reason: "a space for a leading zero of the month", in: "2025- 8-21"},
		{reason: "a plus sign before the year", in: "+025-08-21"},
		{reason: "a minus sign before the year", in: "-025-08-21"},
		{reason: "a sign inside the year", in: "2+25-08-21"},
		{reason: "a minus sign inside the year", in: "2-25-08-21"},
		{reason: "a sign before the month", in: "2025-+8-21"},
		{reason: "a sign before the day", in: "2025-08-+1"},
		{reason: "a minus sign before the day", in: "2025-08--1"},
		{reason: "a five-digit year", in: "12025-08-21"},
		{reason: "a two-digit year", in: "25-08-21"},
		{reason: "slashes", in: "2025/08/21"},
		{reason: "dots", in: "2025.08.21"},
		{reason: "a time after the date", in: "2025-08-21T00:00:00Z"},
		{reason: "letters", in: "yyyy-mm-dd"},
		{reason: "hex digits", in: "2025-0a-21"},
		{reason: "Arabic-Indic digits in the year", in: "٢٠٢٥-08-21"},
		{reason: "full-width digits in the day", in: "2025-08-２１"},
		{reason: "a superscript digit", in: "2025-08-2¹"},
		{reason: "a NUL byte", in: "2025-08-2\x00"},
		{reason: "a byte that is not UTF-8", in: "2025-08-2\xff"},
		{reason: "ten dashes", in: "----------"},
		{reason: "ten digits", in: "2025082100"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, parses(tc.in)); diff != "" {
				t.Fatalf("time.Parse(time.DateOnly, %q) == nil: the case's want is wrong: %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want, scenario.IsDate(tc.in)); diff != "" {
				t.Errorf("isDate(%q): %s\n(-want +got):\n%s", tc.in, tc.reason, diff)
			}
		})
	}
}

// randomDates returns n strings of ten bytes, seeded, most of them made of
// digits and '-': half of them random, half shaped like a date with
// random digits (months and days often out of range) and, now and then,
// one byte changed.
func randomDates(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 0x64617465))
	const (
		common = "0123456789-"
		rare   = "+ /:T.x\x00"
	)
	char := func() byte {
		if r.IntN(20) == 0 {
			return rare[r.IntN(len(rare))]
		}
		return common[r.IntN(len(common))]
	}
	digit := func(hi int) byte { return byte('0' + r.IntN(hi+1)) }
	out := make([]string, 0, n)
	for len(out) < n {
		b := make([]byte, 10)
		if r.IntN(2) == 0 {
			for i := range b {
				b[i] = char()
			}
		} else {
			for i := range 4 {
				b[i] = digit(9)
			}
			b[0] = digit(2) // years 0000 to 2999, leap and common alike
			b[4], b[7] = '-', '-'
			b[5], b[6] = digit(1), digit(9)
			b[8], b[9] = digit(3), digit(9)
			if r.IntN(8) == 0 {
				b[r.IntN(len(b))] = char()
			}
		}
		out = append(out, string(b))
	}
	return out
}

func TestIsDateAgreesWithTimeParse(t *testing.T) {
	valid := 0
	for _, s := range randomDates(1, 4000) {
		want := parses(s)
		if want {
			valid++
		}
		if diff := cmp.Diff(want, scenario.IsDate(s)); diff != "" {
			t.Errorf("isDate(%q) disagrees with time.Parse(time.DateOnly, %q) == nil (-want +got):\n%s", s, s, diff)
		}
	}
	// The strings must reach both answers, or the test proves little.
	if valid < 500 || valid > 3500 {
		t.Errorf("%d of 4000 random strings are dates; want between 500 and 3500, so that both answers are tried", valid)
	}
}

func TestIsDateEveryDayOfLeapCycles(t *testing.T) {
	// Every day of years around the century rules, written correctly, and
	// the day after the last of each month, which must fail.
	for _, year := range []int{0, 1, 4, 100, 1899, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999} {
		d := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		for d.Year() == year {
			s := d.Format(time.DateOnly)
			if !scenario.IsDate(s) {
				t.Errorf("isDate(%q) = false; want true", s)
			}
			if next := d.AddDate(0, 0, 1); next.Month() != d.Month() {
				past := s[:8] + strconv.Itoa(d.Day()+1) // 29 to 32: two digits
				if diff := cmp.Diff(parses(past), scenario.IsDate(past)); diff != "" {
					t.Errorf("isDate(%q), the day after the last of the month (-want +got):\n%s", past, diff)
				}
				if scenario.IsDate(past) {
					t.Errorf("isDate(%q) = true; want false", past)
				}
			}
			d = d.AddDate(0, 0, 1)
		}
	}
}
