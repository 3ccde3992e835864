package scenariofile_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// laughs returns a valid scenario whose aliases make it hold n×n member
// entries while about 10·n nodes are written: n states, and n coalitions
// whose members lists are all an alias of the one list of those states.
// It is the "billion laughs" as deep as format 1 nests: actors hold
// lists, and nothing holds actors but the top.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("entente: 1\nactors:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: lol%d}\n", i)
	}
	b.WriteString("  - id: c0\n    kind: coalition\n    members: &lols [lol0")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, ", lol%d", i)
	}
	b.WriteString("]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - {id: c%d, kind: coalition, members: *lols}\n", i)
	}
	return b.String()
}

// billionLaughs returns the classic bomb: nine levels, each a list of ten
// aliases of the level below, so that the last holds a billion "lol"s
// once expanded, under keys that format 1 has.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("entente: 1\ndescription: &l0 lol\nsources:\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  - &l%d [", i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("timeline: *l9\nactors: [*l9, *l9]\n")
	return b.String()
}

// repeatedText returns a scenario whose description of n bytes is
// repeated as the name of each of k actors.
func repeatedText(n, k int) string {
	var b strings.Builder
	b.WriteString("entente: 1\ndescription: &d " + strings.Repeat("y", n) + "\nactors:\n")
	for i := range k {
		fmt.Fprintf(&b, "  - {id: A%d, name: *d}\n", i)
	}
	return b.String()
}

// TestAliasTextNamesTheAlias checks that the error for repeated text
// points at the alias that passes the limit: the 84th, on line 87.
func TestAliasTextNamesTheAlias(t *testing.T) {
	_, err := scenariofile.Parse("repeat.yaml", []byte(repeatedText(100_000, 90)))
	want := []string{"repeat.yaml:87:21: aliases expand too far: they repeat more than 8388608 bytes of text, the size limit (raise it with --max-size, or Options.MaxSize); is this an alias bomb?"}
	if d := cmp.Diff(want, messages(t, err)); d != "" {
		t.Errorf("errors differ (-want +got):\n%s", d)
	}
}

func TestAliasLimits(t *testing.T) {
	tests := []struct {
		name   string
		opts   scenariofile.Options
		in     string
		want   error // nil: loads
		reason string
	}{
		{
			name:   "laughs",
			in:     laughs(1000),
			want:   scenariofile.ErrAliases,
			reason: "a million member entries from a file of 70 kB: aliases past the default budget",
		},
		{
			name:   "a few laughs",
			in:     laughs(100),
			reason: "ten thousand entries are within the default budget of 100,000 nodes",
		},
		{
			name:   "laughs within a raised limit",
			opts:   scenariofile.Options{MaxAliasNodes: 2_000_000},
			in:     laughs(1000),
			reason: "the limit is the caller's to raise",
		},
		{
			name:   "a few laughs within a lowered limit",
			opts:   scenariofile.Options{MaxAliasNodes: 1000},
			in:     laughs(100),
			want:   scenariofile.ErrAliases,
			reason: "and to lower",
		},
		{
			name:   "long text repeated",
			in:     repeatedText(100_000, 90),
			want:   scenariofile.ErrAliases,
			reason: "90 aliases of a 100 kB description repeat 9 MB of text, more than the size limit, in few nodes",
		},
		{
			name:   "long text repeated within the size limit",
			in:     repeatedText(100_000, 80),
			reason: "80 aliases repeat 8 MB, within the 8 MiB limit",
		},
		{
			name:   "long text repeated within a raised size limit",
			opts:   scenariofile.Options{MaxSize: 16 << 20},
			in:     repeatedText(100_000, 90),
			reason: "the size limit bounds what aliases repeat, and is the caller's to raise",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.opts.Parse("laughs.yaml", []byte(tc.in))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Parse: %v; want it to load (%s)", err, tc.reason)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse: %v; want %v (%s)", err, tc.want, tc.reason)
			}
			if got := messages(t, err); len(got) != 1 {
				t.Errorf("got %d errors; want only the one that stopped the decoder:\n%s", len(got), strings.Join(got, "\n"))
			}
		})
	}
}

// TestAliasErrorNamesTheLimit checks that the error says which limit ran
// out, the caller's and not the default, and points at the alias that
// ran it out (line 152: a coalition whose members: *lols; the nodes
// written in the file get room for four visits each before aliases count).
func TestAliasErrorNamesTheLimit(t *testing.T) {
	_, err := scenariofile.Options{MaxAliasNodes: 1000}.Parse("laughs.yaml", []byte(laughs(100)))
	want := []string{"laughs.yaml:152:41: aliases expand too far: more than the nodes written plus 1000; is this an alias bomb?"}
	if d := cmp.Diff(want, messages(t, err)); d != "" {
		t.Errorf("errors differ (-want +got):\n%s", d)
	}
}

// TestAliasBombMemory checks that refusing the bomb costs memory in
// proportion to the file (some 10 MB of YAML nodes for its 70 kB), not to
// what its aliases expand to: loading the million member entries, with a
// raised limit, allocates some 85 MB.
func TestAliasBombMemory(t *testing.T) {
	data := []byte(laughs(1000))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := scenariofile.Parse("laughs.yaml", data)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, scenariofile.ErrAliases) {
		t.Fatalf("Parse: %v; want %v", err, scenariofile.ErrAliases)
	}
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(32<<20); got > limit {
		t.Errorf("Parse allocated %d bytes for a file of %d; want at most %d", got, len(data), limit)
	}
}

// TestBillionLaughs feeds the classic alias bomb to Parse. Its aliases
// repeat a billion strings, far past the size limit, which Parse finds by
// measuring each anchor once, before the decoder expands anything: the
// test finishes at once and in little memory, with the one error.
func TestBillionLaughs(t *testing.T) {
	_, err := scenariofile.Parse("lol.yaml", []byte(billionLaughs()))
	if !errors.Is(err, scenariofile.ErrAliases) {
		t.Fatalf("Parse: %v; want %v", err, scenariofile.ErrAliases)
	}
	if got := messages(t, err); len(got) != 1 {
		t.Errorf("got %d errors; want 1", len(got))
	}
}

func TestDeepNesting(t *testing.T) {
	deep := strings.Repeat("all(", guarantee.MaxDepth) + "peace-deal" + strings.Repeat(")", guarantee.MaxDepth)
	tests := []struct {
		name   string
		file   string
		in     string
		want   []string
		is     error
		reason string
	}{
		{
			name:   "flow sequences",
			file:   "deep.yaml",
			in:     "entente: 1\nactors: " + strings.Repeat("[", 100_000),
			want:   []string{"deep.yaml:2:10009: syntax error: exceeded max depth of 10000"},
			is:     scenariofile.ErrSyntax,
			reason: "the YAML library stops at a depth of 10,000",
		},
		{
			name:   "flow sequences, closed",
			file:   "deep.yaml",
			in:     "entente: 1\nactors: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000),
			want:   []string{"deep.yaml:2:10009: syntax error: exceeded max depth of 10000"},
			is:     scenariofile.ErrSyntax,
			reason: "well-formed, but too deep all the same",
		},
		{
			name:   "JSON arrays",
			file:   "deep.json",
			in:     strings.Repeat("[", 100_000),
			want:   []string{"deep.json:1:10001: syntax error: invalid character '[' exceeded max depth"},
			is:     scenariofile.ErrSyntax,
			reason: "encoding/json stops at 10,000 too",
		},
		{
			name:   "flow mappings",
			file:   "deep.yaml",
			in:     "entente: 1\nactors: " + strings.Repeat("{a: ", 100_000),
			want:   []string{"deep.yaml:2:40009: syntax error: exceeded max depth of 10000"},
			is:     scenariofile.ErrSyntax,
			reason: "mappings count as sequences do",
		},
		{
			name: "condition",
			file: "deep.yaml",
			in: actors3 + `guarantees:
  - {id: g1, provider: US, beneficiary: UA, kind: military, trigger: ` + deep + `}
`,
			want:   []string{fmt.Sprintf("deep.yaml:7:%d: guarantees[0].trigger: conditions nest deeper than %d levels in %q", 70+4*guarantee.MaxDepth, guarantee.MaxDepth, deep[:60]+"…")},
			reason: "the condition parser stops at guarantee.MaxDepth; the column is where the level too many begins, and the message quotes the start of the condition",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenariofile.Parse(tc.file, []byte(tc.in))
			if d := cmp.Diff(tc.want, messages(t, err)); d != "" {
				t.Errorf("errors differ (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(err, %v) = false (%s)", tc.is, tc.reason)
			}
		})
	}
}

// TestConditionAtMaxDepth checks the other side of the limit: a trigger
// nested exactly as deep as allowed loads.
func TestConditionAtMaxDepth(t *testing.T) {
	c := strings.Repeat("all(", guarantee.MaxDepth-1) + "peace-deal" + strings.Repeat(")", guarantee.MaxDepth-1)
	in := actors3 + "guarantees:\n  - {id: g1, provider: US, beneficiary: UA, kind: military, trigger: " + c + "}\n"
	s, err := scenariofile.Parse("deep.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Guarantees[0].Trigger.String(); got != c {
		t.Errorf("trigger = %.40q…; want %.40q…", got, c)
	}
}

// tooLarge returns a valid scenario file of more than n bytes: a long
// description.
func tooLarge(n int) []byte {
	return []byte("entente: 1\nname: large\ndescription: " + strings.Repeat("very ", n/5) + "large\n")
}

func TestMaxSize(t *testing.T) {
	data := tooLarge(scenariofile.DefaultMaxSize)
	path := filepath.Join(t.TempDir(), "large.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	raised := scenariofile.Options{MaxSize: 2 * scenariofile.DefaultMaxSize}
	tests := []struct {
		name   string
		load   func() error
		want   []string // nil: loads
		reason string
	}{
		{
			name:   "Parse",
			load:   func() error { _, err := scenariofile.Parse("large.yaml", data); return err },
			want:   []string{fmt.Sprintf("large.yaml:1:1: file too large: %d bytes; the limit is %d bytes (raise it with --max-size, or Options.MaxSize)", len(data), scenariofile.DefaultMaxSize)},
			reason: "Parse refuses what it is handed whole, and says by how much",
		},
		{
			name:   "ReadFile",
			load:   func() error { _, err := scenariofile.ReadFile(path); return err },
			want:   []string{fmt.Sprintf("%s:1:1: file too large: %d bytes; the limit is %d bytes (raise it with --max-size, or Options.MaxSize)", path, len(data), scenariofile.DefaultMaxSize)},
			reason: "ReadFile asks the size of a regular file before it reads it",
		},
		{
			name:   "Parse with a raised limit",
			load:   func() error { _, err := raised.Parse("large.yaml", data); return err },
			reason: "the limit is the caller's to raise",
		},
		{
			name:   "ReadFile with a raised limit",
			load:   func() error { _, err := raised.ReadFile(path); return err },
			reason: "in both entry points",
		},
		{
			name: "Parse with a lowered limit",
			load: func() error {
				_, err := scenariofile.Options{MaxSize: 100}.Parse("seed.yaml", readFile(t, seedFile))
				return err
			},
			want:   []string{fmt.Sprintf("seed.yaml:1:1: file too large: %d bytes; the limit is 100 bytes (raise it with --max-size, or Options.MaxSize)", len(readFile(t, seedFile)))},
			reason: "and to lower",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.load()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("got %v; want it to load (%s)", err, tc.reason)
				}
				return
			}
			if !errors.Is(err, scenariofile.ErrTooLarge) {
				t.Errorf("errors.Is(err, ErrTooLarge) = false for %v", err)
			}
			if d := cmp.Diff(tc.want, messages(t, err)); d != "" {
				t.Errorf("errors differ (-want +got):\n%s\nreason: %s", d, tc.reason)
			}
		})
	}
}

// TestManyUnknownKeys checks that a mapping of 100,000 unknown keys (the
// wrong file, or a hostile one) yields a bounded list of errors, quickly:
// the decoder stops at 200.
func TestManyUnknownKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("entente: 1\n")
	for i := range 100_000 {
		fmt.Fprintf(&b, "key%d: %d\n", i, i)
	}
	_, err := scenariofile.Parse("keys.yaml", []byte(b.String()))
	got := messages(t, err)
	if len(got) != 200 {
		t.Errorf("got %d errors; want the decoder's cap of 200", len(got))
	}
	want := `keys.yaml:2:1: key0: unknown key "key0"; want one of entente, name, as-of, description, sources, actors, guarantees, positions, vetoes, timeline, values, variants`
	if len(got) > 0 && got[0] != want {
		t.Errorf("first error = %q; want %q", got[0], want)
	}
	if !errors.Is(err, scenariofile.ErrUnknownKey) {
		t.Errorf("errors.Is(err, ErrUnknownKey) = false")
	}
}

// TestManyUnknownKeysInLists does the same one level down, where every
// actor has unknown keys: the cap holds across the whole file.
func TestManyUnknownKeysInLists(t *testing.T) {
	var b strings.Builder
	b.WriteString("entente: 1\nactors:\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "  - {id: A%d, colour: red, size: 3}\n", i)
	}
	_, err := scenariofile.Parse("actors.yaml", []byte(b.String()))
	if got := messages(t, err); len(got) != 200 {
		t.Errorf("got %d errors; want the decoder's cap of 200", len(got))
	}
}

// TestManyDatesGoingBackwards checks a timeline of 20,000 dated entries,
// each a day before the last: one error per entry after the first, up to
// the decoder's cap, each at the date that goes backwards.
func TestManyDatesGoingBackwards(t *testing.T) {
	var b strings.Builder
	b.WriteString("entente: 1\ntimeline:\n")
	day := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 20_000 {
		fmt.Fprintf(&b, "  - {date: %s, event: ceasefire}\n", day.Format(time.DateOnly))
		day = day.AddDate(0, 0, -1)
	}
	_, err := scenariofile.Parse("dates.yaml", []byte(b.String()))
	got := messages(t, err)
	if len(got) != 200 {
		t.Errorf("got %d errors; want the decoder's cap of 200", len(got))
	}
	want := "dates.yaml:4:12: timeline[1].date: the timeline's dates go backwards: 2099-12-31 comes after timeline[0] of 2100-01-01"
	if len(got) > 0 && got[0] != want {
		t.Errorf("first error = %q; want %q", got[0], want)
	}
	if !errors.Is(err, scenario.ErrTimelineOrder) {
		t.Errorf("errors.Is(err, ErrTimelineOrder) = false")
	}
}
