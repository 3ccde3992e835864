package scenariofile_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// likelihoodsFile has a likelihood in every place one goes: guarantees,
// positions and granted vetoes, and the edits that bring them.
var likelihoodsFile = filepath.Join("testdata", "likelihoods.yaml")

// likelihoodsOf lists the likelihoods of s, and of the guarantees,
// positions and vetoes its variants' edits bring, by place.
func likelihoodsOf(s scenario.Scenario) map[string]float64 {
	out := map[string]float64{}
	put := func(at string, p *float64) {
		if p != nil {
			out[at] = *p
		}
	}
	for i, g := range s.Guarantees {
		put("guarantees["+strconv.Itoa(i)+"]", g.Likelihood)
	}
	for i, p := range s.Positions {
		put("positions["+strconv.Itoa(i)+"]", p.Likelihood)
	}
	for i, v := range s.Vetoes {
		put("vetoes["+strconv.Itoa(i)+"]", v.Likelihood)
	}
	for _, v := range s.Variants {
		for j, e := range v.Edits {
			at := v.Name + ".edits[" + strconv.Itoa(j) + "]"
			switch e := e.(type) {
			case scenario.AddGuarantee:
				put(at+".add-guarantee", e.Guarantee.Likelihood)
			case scenario.ReplaceGuarantee:
				put(at+".replace-guarantee", e.Guarantee.Likelihood)
			case scenario.AddPosition:
				put(at+".add-position", e.Position.Likelihood)
			case scenario.ReplacePosition:
				put(at+".replace-position", e.Position.Likelihood)
			case scenario.Grant:
				put(at+".grant", e.Veto.Likelihood)
			}
		}
	}
	return out
}

// TestLikelihoodsFile reads a likelihood in each place one goes, checks
// that the file is in canonical form, and that it round-trips.
func TestLikelihoodsFile(t *testing.T) {
	data := readFile(t, likelihoodsFile)
	s, err := scenariofile.Parse(likelihoodsFile, data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"guarantees[0]": 0.6,
		"guarantees[1]": 0.85,
		"guarantees[2]": 1,
		"guarantees[3]": 0,
		"positions[0]":  0.9,
		"positions[1]":  0.25,
		"positions[2]":  0.75,
		"vetoes[0]":     0.1,

		"firmer.edits[0].add-guarantee":     0.5,
		"firmer.edits[1].replace-guarantee": 0.8,
		"firmer.edits[2].add-position":      0.95,
		"firmer.edits[3].replace-position":  0.5,
		"firmer.edits[4].grant":             0.3,
	}
	if d := cmp.Diff(want, likelihoodsOf(s)); d != "" {
		t.Errorf("likelihoods differ (-want +got):\n%s", d)
	}

	// The variant's scenario carries the likelihoods its edits bring.
	v, err := s.Variant("firmer")
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]float64{
		"guarantees[0]": 0.8, // replaced
		"guarantees[1]": 0.85,
		"guarantees[2]": 1,
		"guarantees[3]": 0,
		"guarantees[4]": 0.5, // added
		"positions[0]":  0.9,
		"positions[1]":  0.25,
		"positions[2]":  0.5, // replaced
		"positions[4]":  0.95,
		"vetoes[0]":     0.1,
		"vetoes[1]":     0.3, // granted
	}
	if d := cmp.Diff(want, likelihoodsOf(v)); d != "" {
		t.Errorf("likelihoods of the variant differ (-want +got):\n%s", d)
	}

	f, err := scenariofile.Format(likelihoodsFile, data)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(data), string(f)); d != "" {
		t.Errorf("Format(file) is not the file (-want +got):\n%s", d)
	}
	for _, e := range encodings {
		roundTrip(t, s, e)
	}
}

// TestLikelihoodValues checks the likelihoods that load, in YAML and
// JSON, the value each gives, and how Marshal writes it.
func TestLikelihoodValues(t *testing.T) {
	const head = "entente: 1\nactors:\n  - {id: US}\n  - {id: UA}\nguarantees:\n  - {id: g, provider: US, beneficiary: UA, kind: military, likelihood: "
	for _, c := range []struct {
		in      string
		want    float64 // NaN for no likelihood
		written string  // by Marshal, "" for not at all
	}{
		{"0", 0, "0"},
		{"1", 1, "1"},
		{"0.25", 0.25, "0.25"},
		{"0.7", 0.7, "0.7"},
		{"0.0", 0, "0"},
		{"1.0", 1, "1"},
		{"-0", 0, "0"},
		{"-0.0", 0, "0"},
		{"+0.5", 0.5, "0.5"},
		{".5", 0.5, "0.5"},
		{"0.50", 0.5, "0.5"},
		{"1e-3", 0.001, "0.001"},
		{"2.5E-1", 0.25, "0.25"},
		{"1e-7", 1e-7, "1e-07"},
		{"0.30000000000000004", 0.30000000000000004, "0.30000000000000004"},
		{"0.1234567890123456789", 0.12345678901234568, "0.12345678901234568"},
		{"~", math.NaN(), ""},
		{"null", math.NaN(), ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			s, err := scenariofile.Parse("ua.yaml", []byte(head+c.in+"}\n"))
			if err != nil {
				t.Fatal(err)
			}
			got := s.Guarantees[0].Likelihood
			switch {
			case math.IsNaN(c.want):
				if got != nil {
					t.Fatalf("likelihood %s read as %v; want none (certain)", c.in, *got)
				}
			case got == nil:
				t.Fatalf("likelihood %s read as none; want %v", c.in, c.want)
			case *got != c.want || math.Signbit(*got):
				t.Fatalf("likelihood %s read as %v; want %v", c.in, *got, c.want)
			}
			b, err := scenariofile.Marshal(s, scenariofile.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if c.written == "" {
				if strings.Contains(string(b), "likelihood") {
					t.Errorf("Marshal wrote a likelihood for %s:\n%s", c.in, b)
				}
				return
			}
			if line := "    likelihood: " + c.written + "\n"; !strings.Contains(string(b), line) {
				t.Errorf("Marshal did not write %q:\n%s", line, b)
			}
			j, err := scenariofile.Marshal(s, scenariofile.JSON)
			if err != nil {
				t.Fatal(err)
			}
			if field := `"likelihood": ` + c.written + "\n"; !strings.Contains(string(j), field) {
				t.Errorf("Marshal(JSON) did not write %q, a number:\n%s", field, j)
			}
			for _, e := range encodings {
				roundTrip(t, s, e)
			}
		})
	}

	// JSON numbers, whole or not, are likelihoods too.
	const js = `{"entente": 1, "actors": [{"id": "US"}, {"id": "UA"}], "guarantees": [
  {"id": "a", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": 0},
  {"id": "b", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": 1},
  {"id": "c", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": 0.25},
  {"id": "d", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": 2.5e-1},
  {"id": "e", "provider": "US", "beneficiary": "UA", "kind": "military", "likelihood": null}
]}`
	s, err := scenariofile.Parse("ua.json", []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"guarantees[0]": 0, "guarantees[1]": 1, "guarantees[2]": 0.25, "guarantees[3]": 0.25}
	if d := cmp.Diff(want, likelihoodsOf(s)); d != "" {
		t.Errorf("JSON likelihoods differ (-want +got):\n%s", d)
	}
}

// TestMarshalLikelihood checks where Marshal writes a likelihood: after
// the fields that make the element, before its note and sources, on one
// line with a position or a veto that fits on one.
func TestMarshalLikelihood(t *testing.T) {
	s := scenario.Scenario{
		Actors: []actor.Actor{{ID: "US", Name: "United States"}, {ID: "UA", Name: "Ukraine"}, {ID: "RU", Name: "Russia"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "g", Provider: "US", Beneficiary: "UA", Kind: "military", Requires: []guarantee.ID{"h"}, Likelihood: new(0.7), Note: "n"},
			{ID: "h", Provider: "US", Beneficiary: "UA", Kind: "intelligence"},
		},
		Positions: []scenario.Position{
			{Actor: "US", Stance: scenario.Refuses, Select: guarantee.Selector{Kind: "military/ground-troops"}, Likelihood: new(0.9)},
			{ID: "p", Actor: "RU", Stance: scenario.DemandsVeto, Select: guarantee.Selector{Beneficiary: "UA"}, Likelihood: new(1e-7), Note: "n"},
		},
		Vetoes: []scenario.Veto{
			{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}, Likelihood: new(0.5)},
			{Holder: "US", Likelihood: new(0.0), Sources: []string{"s"}},
		},
	}
	b, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	const want = `entente: 1
actors:
  - {id: US, name: United States}
  - {id: UA, name: Ukraine}
  - {id: RU, name: Russia}
guarantees:
  - id: g
    provider: US
    beneficiary: UA
    kind: military
    requires: [h]
    likelihood: 0.7
    note: n
  - id: h
    provider: US
    beneficiary: UA
    kind: intelligence
positions:
  - {actor: US, refuses: {kind: military/ground-troops}, likelihood: 0.9}
  - id: p
    actor: RU
    demands-veto: {beneficiary: UA}
    likelihood: 1e-07
    note: n
vetoes:
  - {holder: RU, over: {beneficiary: UA}, likelihood: 0.5}
  - holder: US
    over: {}
    likelihood: 0
    sources: [s]
`
	if d := cmp.Diff(want, string(b)); d != "" {
		t.Errorf("Marshal differs (-want +got):\n%s", d)
	}
	for _, e := range encodings {
		roundTrip(t, s, e)
	}
}

// seedWithVeto is the seed with a granted veto, whose likelihood the tests
// can set: Russia's over guarantees to Ukraine.
func seedWithVeto() scenario.Scenario {
	s := examples.Ukraine2025()
	s.Vetoes = append(s.Vetoes, scenario.Veto{Holder: "RU", Over: guarantee.Selector{Beneficiary: "UA"}})
	return s
}

// TestLikelihoodRoundTrip checks that every likelihood comes back from a
// file exactly, bit for bit: the shortest decimal that reads back as the
// same number is written, in either encoding.
func TestLikelihoodRoundTrip(t *testing.T) {
	hard := []float64{
		0, 1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.30000000000000004, 1e-7, 1e-300,
		math.SmallestNonzeroFloat64, 2.2250738585072014e-308, math.Nextafter(1, 0), math.Nextafter(0.5, 1),
		math.Copysign(0, -1), // written and read as 0, which equals it
	}
	s := seedWithVeto()
	for i, p := range hard {
		s.Guarantees[i%len(s.Guarantees)].Likelihood = new(p)
		s.Positions[i%len(s.Positions)].Likelihood = new(p)
		s.Vetoes[i%len(s.Vetoes)].Likelihood = new(p)
		for _, e := range encodings {
			roundTrip(t, s, e)
		}
	}

	// Generated scenarios of many sizes, a likelihood on about half of
	// their elements, drawn at full precision.
	for seed := range uint64(8) {
		s := synth.Generate(synth.Config{Guarantees: 5 + 20*int(seed), Seed: seed})
		r := rand.New(rand.NewPCG(seed, 1))
		draw := func() *float64 {
			switch r.IntN(4) {
			case 0:
				return nil
			case 1:
				return new(hard[r.IntN(len(hard))])
			default:
				return new(r.Float64())
			}
		}
		for i := range s.Guarantees {
			s.Guarantees[i].Likelihood = draw()
		}
		for i := range s.Positions {
			s.Positions[i].Likelihood = draw()
		}
		for i := range s.Vetoes {
			s.Vetoes[i].Likelihood = draw()
		}
		if err := scenario.Validate(s); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		for _, e := range encodings {
			roundTrip(t, s, e)
		}
	}
}

// TestFormatLikelihood checks that Format writes likelihoods in canonical
// form and place, keeps their comments, and is idempotent.
func TestFormatLikelihood(t *testing.T) {
	const in = `entente: 1
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
guarantees:
  - id: g
    likelihood: 0.70 # a guess
    note: n
    provider: US
    beneficiary: UA
    kind: military
positions:
  - {likelihood: 1.0, actor: US, refuses: {kind: military/ground-troops}}
vetoes:
  - {likelihood: 5e-1, holder: RU}
`
	const want = `entente: 1
actors:
  - {id: US}
  - {id: UA}
  - {id: RU}
guarantees:
  - id: g
    provider: US
    beneficiary: UA
    kind: military
    likelihood: 0.7 # a guess
    note: n
positions:
  - {actor: US, refuses: {kind: military/ground-troops}, likelihood: 1}
vetoes:
  - {holder: RU, over: {}, likelihood: 0.5}
`
	got, err := scenariofile.Format("f.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, string(got)); d != "" {
		t.Errorf("Format differs (-want +got):\n%s", d)
	}
	again, err := scenariofile.Format("f.yaml", got)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(got), string(again)); d != "" {
		t.Errorf("Format is not idempotent (-once +twice):\n%s", d)
	}
	s1, err1 := scenariofile.Parse("f.yaml", []byte(in))
	s2, err2 := scenariofile.Parse("f.yaml", got)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if d := cmp.Diff(s1, s2); d != "" {
		t.Errorf("Format changed the scenario (-want +got):\n%s", d)
	}
}

// TestMarshalInvalidLikelihood checks what becomes of a likelihood that
// is not one, which Marshal does not promise to keep: in YAML, it is
// written so that Parse refuses it at its place; JSON, which has no
// number for NaN or infinity, refuses to write those.
func TestMarshalInvalidLikelihood(t *testing.T) {
	for _, p := range []float64{1.5, -0.1, math.NaN(), math.Inf(1), math.Inf(-1)} {
		s := examples.Ukraine2025()
		s.Positions[1].Likelihood = new(p)
		for _, e := range encodings {
			b, err := scenariofile.Marshal(s, e)
			if math.IsNaN(p) || math.IsInf(p, 0) {
				if e == scenariofile.JSON {
					if err == nil {
						t.Errorf("Marshal(JSON) of likelihood %v succeeded:\n%s", p, b)
					}
					continue
				}
			}
			if err != nil {
				t.Fatalf("Marshal(%s) of likelihood %v: %v", e, p, err)
			}
			_, err = scenariofile.Parse("bad."+e.String(), b)
			if !errors.Is(err, guarantee.ErrLikelihood) || !strings.Contains(err.Error(), ": positions[1].likelihood: ") {
				t.Errorf("Parse(Marshal(%s)) of likelihood %v: %v; want a likelihood error at positions[1].likelihood", e, p, err)
			}
		}
	}
}

// FuzzMarshalLikelihood puts any number as the likelihood of a guarantee,
// a position and a veto of the seed, and checks that a likelihood from 0
// to 1 comes back exactly from either encoding, and that any other is
// refused at its place.
func FuzzMarshalLikelihood(f *testing.F) {
	for _, p := range []float64{0, 1, 0.5, 0.7, 0.1, 1.0 / 3, 1e-7, math.SmallestNonzeroFloat64, math.Nextafter(1, 0), 1.5, -0.1, 70, math.NaN(), math.Inf(1)} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p float64) {
		s := seedWithVeto()
		s.Guarantees[1].Likelihood = new(p)
		s.Positions[2].Likelihood = new(p)
		s.Vetoes[0].Likelihood = new(p)
		for _, e := range encodings {
			b, err := scenariofile.Marshal(s, e)
			if err != nil {
				if e == scenariofile.JSON && (math.IsNaN(p) || math.IsInf(p, 0)) {
					continue
				}
				t.Fatalf("Marshal(%s): %v", e, err)
			}
			got, err := scenariofile.Parse("p."+e.String(), b)
			if !guarantee.ValidLikelihood(p) {
				if !errors.Is(err, guarantee.ErrLikelihood) {
					t.Fatalf("Parse(Marshal(%s)) of likelihood %v: %v; want a likelihood error", e, p, err)
				}
				if n := len(messages(t, err)); n != 3 {
					t.Fatalf("Parse(Marshal(%s)) of likelihood %v: %d errors, want 3, one a place:\n%v", e, p, n, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Parse(Marshal(%s)): %v", e, err)
			}
			if d := cmp.Diff(s, got); d != "" {
				t.Fatalf("Parse(Marshal(%s)) differs (-want +got):\n%s", e, d)
			}
			if q := *got.Guarantees[1].Likelihood; math.Float64bits(q) != math.Float64bits(p) && !(p == 0 && q == 0) {
				t.Fatalf("likelihood %v (%#x) came back as %v (%#x)", p, math.Float64bits(p), q, math.Float64bits(q))
			}
		}
	})
}
