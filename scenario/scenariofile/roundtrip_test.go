package scenariofile_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// TestSeedRoundTrip checks that the seed, written in either encoding and
// read back, is the value it was.
func TestSeedRoundTrip(t *testing.T) {
	s := examples.Ukraine2025()
	for _, e := range []scenariofile.Encoding{scenariofile.YAML, scenariofile.JSON} {
		b, err := scenariofile.Marshal(s, e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenariofile.Parse("seed."+e.String(), b)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(s, got); d != "" {
			t.Errorf("%s: Parse(Marshal(seed)) differs (-want +got):\n%s", e, d)
		}
	}
}

// TestSeedFileIsTheSeed checks that the committed seed file holds the
// scenario that examples.Ukraine2025 builds in Go.
func TestSeedFileIsTheSeed(t *testing.T) {
	got, err := scenariofile.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(examples.Ukraine2025(), got); d != "" {
		t.Errorf("the seed file is not examples.Ukraine2025() (-want +got):\n%s", d)
	}
}

// roundTrip checks the promises of Marshal for s in encoding e: Parse
// gives s back, Marshal writes the same bytes every time and again for
// the parsed value, and Format leaves its output as it is.
func roundTrip(t *testing.T, s scenario.Scenario, e scenariofile.Encoding) {
	t.Helper()
	name := "s." + e.String()
	b, err := scenariofile.Marshal(s, e)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	again, err := scenariofile.Marshal(s, e)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if !bytes.Equal(b, again) {
		t.Errorf("%s: Marshal is not deterministic:\n%s", e, cmp.Diff(string(b), string(again)))
	}
	got, err := scenariofile.Parse(name, b)
	if err != nil {
		t.Fatalf("%s: Parse(Marshal(s)): %v", e, err)
	}
	if d := cmp.Diff(s, got); d != "" {
		t.Errorf("%s: Parse(Marshal(s)) differs (-want +got):\n%s", e, d)
	}
	if b2, err := scenariofile.Marshal(got, e); err != nil || !bytes.Equal(b, b2) {
		t.Errorf("%s: Marshal(Parse(Marshal(s))) is not Marshal(s) (err %v):\n%s", e, err, cmp.Diff(string(b), string(b2)))
	}
	f, err := scenariofile.Format(name, b)
	if err != nil {
		t.Fatalf("%s: Format(Marshal(s)): %v", e, err)
	}
	if d := cmp.Diff(string(b), string(f)); d != "" {
		t.Errorf("%s: Format(Marshal(s)) is not Marshal(s) (-want +got):\n%s", e, d)
	}
}

// TestGeneratedRoundTrip runs roundTrip over generated scenarios of many
// sizes and seeds: every actor kind and decision rule, every stance,
// conditions, activations, granted vetoes and timelines.
func TestGeneratedRoundTrip(t *testing.T) {
	sizes := []int{1, 2, 5, 12, 40, 150, 600}
	if testing.Short() {
		sizes = sizes[:5]
	}
	for _, n := range sizes {
		seeds := 12 // small scenarios vary most from seed to seed
		if n > 100 {
			seeds = 3
		}
		for seed := range uint64(seeds) {
			t.Run(fmt.Sprintf("guarantees=%d/seed=%d", n, seed), func(t *testing.T) {
				t.Parallel()
				// Odd seeds set the parties aside now and then.
				s := synth.Generate(synth.Config{Guarantees: n, Seed: seed, PartiesAside: int(seed%2) * 30})
				if err := scenario.Validate(s); err != nil {
					t.Fatalf("synth made an invalid scenario: %v", err)
				}
				for _, e := range encodings {
					roundTrip(t, s, e)
				}
			})
		}
	}
}

// TestGoodFiles checks the small scenarios of real events under
// testdata/good: each loads, cites its sources, is already in canonical
// form, and round-trips in both encodings.
func TestGoodFiles(t *testing.T) {
	paths := files(t, filepath.Join("testdata", "good"), ".yaml")
	if len(paths) < 3 {
		t.Errorf("%d files under testdata/good; want at least 3", len(paths))
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			s, err := scenariofile.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Sources) == 0 {
				t.Error("the file cites no sources")
			}
			for _, src := range s.Sources {
				if src.Title == "" || src.URL == "" {
					t.Errorf("source %q needs a title and a URL", src.ID)
				}
			}
			for _, g := range s.Guarantees {
				if len(g.Sources) == 0 {
					t.Errorf("guarantee %s cites no source", g.ID)
				}
			}
			data := readFile(t, path)
			f, err := scenariofile.Format(path, data)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(data), string(f)); d != "" {
				t.Errorf("Format(file) is not the file (-want +got):\n%s", d)
			}
			for _, e := range encodings {
				roundTrip(t, s, e)
			}
		})
	}
}

// TestMandateRoundTrip checks mandates, dated timeline entries and the
// mandate edits through roundTrip, and the canonical form they take:
// mandates and dated entries on one line, undated entries as text.
func TestMandateRoundTrip(t *testing.T) {
	s, err := scenariofile.Parse("georgia.yaml", []byte(`entente: 1
actors:
  - {id: GE}
  - {id: RU}
  - {id: US}
  - {id: UNSC, kind: organization, members: [US, RU], decides: majority, vetoes: [US, RU]}
guarantees:
  - id: unomig
    provider: UNSC
    beneficiary: GE
    kind: diplomatic/observers
    trigger: attack(RU, GE)
    mandate:
      body: UNSC
      every: 4 months
      from: "2008-10-15"
      ends: 2009-06-15
  - {id: us-aid, provider: US, beneficiary: GE, kind: financial/aid, mandate: {ends: 2010-01-01}}
timeline:
  - peace-deal
  - date: 2008-08-08
    event: attack(RU, GE)
  - {date: 2009-06-15, event: renewal(UNSC)}
variants:
  - name: v
    edits:
      - with-mandate: {guarantee: us-aid, body: US, every: 1 year}
      - without-mandate: unomig
      - set: {field: timeline, to: [peace-deal, 2009-06-15 renewal]}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range encodings {
		roundTrip(t, s, e)
	}
	b, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"    mandate: {body: UNSC, every: 4 months, from: 2008-10-15, ends: 2009-06-15}\n",
		"    mandate: {ends: 2010-01-01}\n",
		"  - peace-deal\n",
		"  - {date: 2008-08-08, event: \"attack(RU, GE)\"}\n",
		"  - {date: 2009-06-15, event: renewal(UNSC)}\n",
		"      - with-mandate: {guarantee: us-aid, body: US, every: 1 year}\n",
		"      - without-mandate: unomig\n",
		"      - set: {field: timeline, to: 'peace-deal, 2009-06-15 renewal'}\n",
	} {
		if !bytes.Contains(b, []byte(line)) {
			t.Errorf("Marshal does not write %q:\n%s", line, b)
		}
	}
	// A file of format 1 without the new keys reads as before: no
	// mandate, no dates.
	old, err := scenariofile.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range old.Guarantees {
		if !g.Mandate.IsZero() {
			t.Errorf("the seed's %s has a mandate: %v", g.ID, g.Mandate)
		}
	}
	for _, ev := range old.Timeline {
		if ev.Date != "" {
			t.Errorf("the seed's event %s has a date", ev)
		}
	}
}

// TestMandatePartiesAsideRoundTrip checks that a renewal that sets the
// parties aside reads, writes in canonical form and reads back the same.
func TestMandatePartiesAsideRoundTrip(t *testing.T) {
	const in = `entente: 1
actors:
  - {id: RU}
  - {id: GE}
  - {id: US}
  - {id: UNSC, kind: organization, members: [US, RU], decides: majority, vetoes: [US, RU]}
guarantees:
  - {id: m, provider: US, beneficiary: GE, kind: diplomatic, trigger: "attack(RU, GE)", mandate: {parties-aside: true, body: UNSC}}
`
	s, err := scenariofile.Parse("m.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Guarantees[0].Mandate.PartiesAside {
		t.Fatalf("mandate %+v: parties-aside not read", s.Guarantees[0].Mandate)
	}
	out, err := scenariofile.Format("m.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("mandate: {body: UNSC, parties-aside: true}")) {
		t.Errorf("canonical form lacks the mandate as written:\n%s", out)
	}
	back, err := scenariofile.Parse("m.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if back.Guarantees[0].Mandate != s.Guarantees[0].Mandate {
		t.Errorf("round trip: %+v; want %+v", back.Guarantees[0].Mandate, s.Guarantees[0].Mandate)
	}
}

// TestFormatShowsHiddenText checks that the canonical form of a file whose
// text holds control characters and bidirectional overrides holds none of
// them raw, in YAML and in JSON, and still reads as the same scenario.
func TestFormatShowsHiddenText(t *testing.T) {
	const in = "entente: 1\nname: \"evil \\e[31mred\\e[0m \u202egnp.exe\u202c \u0085 \u009b end\"\nactors:\n  - {id: UA, note: \"line one\\nline two\\t\u2066iso\u2069\"}\n"
	want, err := scenariofile.Parse("h.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"h.yaml", "h.json"} {
		data := []byte(in)
		if name == "h.json" {
			if data, err = scenariofile.Marshal(want, scenariofile.JSON); err != nil {
				t.Fatal(err)
			}
		}
		out, err := scenariofile.Format(name, data)
		if err != nil {
			t.Fatalf("Format(%s): %v", name, err)
		}
		for i, r := range string(out) {
			if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
				t.Errorf("Format(%s): hidden rune %U raw at byte %d:\n%s", name, r, i, out)
				break
			}
		}
		got, err := scenariofile.Parse(name, out)
		if err != nil {
			t.Fatalf("Parse(Format(%s)): %v\n%s", name, err, out)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Parse(Format(%s)) is not the scenario the file holds (-want +got):\n%s", name, diff)
		}
	}
}
