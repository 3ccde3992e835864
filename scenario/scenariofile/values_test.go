package scenariofile_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// valuesFile has values of two actors: weights on selectors and on a
// candidate veto, and a disagreement value.
var valuesFile = filepath.Join("testdata", "values.yaml")

// TestValuesFile reads the values as written, checks that the file is in
// canonical form, and that it round-trips through YAML and JSON.
func TestValuesFile(t *testing.T) {
	data := readFile(t, valuesFile)
	s, err := scenariofile.Parse(valuesFile, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []scenario.Value{
		{Actor: "UA", Weights: []scenario.Weight{
			{Weight: 3, Select: guarantee.Selector{Kind: "military", Beneficiary: "UA"}},
			{Weight: -5, Veto: "ru-demands-veto"},
		}},
		{Actor: "RU", Disagreement: -1.5, Weights: []scenario.Weight{
			{Weight: -2, Select: guarantee.Selector{Kind: "military"}},
			{Weight: 4, Veto: "ru-demands-veto"},
			{Weight: 0.25, Select: guarantee.Selector{}},
		}},
	}
	if d := cmp.Diff(want, s.Values); d != "" {
		t.Errorf("values (-want +got):\n%s", d)
	}
	canon, err := scenariofile.Marshal(s, scenariofile.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(data), string(canon)); d != "" {
		t.Errorf("the file is not in canonical form (-file +canonical):\n%s", d)
	}
	for _, e := range encodings {
		out, err := scenariofile.Marshal(s, e)
		if err != nil {
			t.Fatalf("%v: %v", e, err)
		}
		back, err := scenariofile.Parse("values."+e.String(), out)
		if err != nil {
			t.Fatalf("%v: reading back: %v\n%s", e, err, out)
		}
		if d := cmp.Diff(s, back); d != "" {
			t.Errorf("%v: round trip (-want +got):\n%s", e, d)
		}
	}
}

// TestValueMistakes checks that each mistake in values is reported at its
// place in the file, and that a valid value is not.
func TestValueMistakes(t *testing.T) {
	const head = "entente: 1\nactors: [{id: UA}, {id: RU}]\npositions:\n  - {id: d, actor: RU, demands-veto: {}}\n  - {id: r, actor: RU, rejects: {}}\nvalues:\n"
	for _, c := range []struct {
		reason string
		values string
		want   []string // errors; none for a valid file
		is     error
	}{
		{reason: "a valid value", values: "  - {actor: UA, disagreement: 1, weights: [{weight: -2.5, veto: d}, {weight: 1e3, select: {}}]}\n"},
		{reason: "a veto no position asks for is left to entente bargain", values: "  - {actor: UA, weights: [{weight: 1, veto: gone}]}\n"},
		{reason: "the veto by its path", values: "  - {actor: UA, weights: [{weight: 1, veto: \"positions[0]\"}]}\n"},
		{reason: "a weight as text", values: "  - {actor: UA, weights: [{weight: three, veto: d}]}\n",
			want: []string{`f.yaml:7:36: values[0].weights[0].weight: wrong type: want a number, found "three"`}, is: scenariofile.ErrType},
		{reason: "an infinite disagreement value", values: "  - {actor: UA, disagreement: -.inf}\n",
			want: []string{`f.yaml:7:31: values[0].disagreement: wrong type: want a finite number, found -.inf`}, is: scenariofile.ErrType},
		{reason: "a veto over a position that demands none", values: "  - {actor: UA, weights: [{weight: 1, veto: r}]}\n",
			want: []string{`f.yaml:7:45: values[0].weights[0].veto: not a demands-veto position: RU rejects {}`}, is: scenario.ErrNotDemandsVeto},
		{reason: "two values for one actor", values: "  - {actor: UA}\n  - {actor: UA}\n",
			want: []string{`f.yaml:8:13: values[1].actor: a second value for one actor: UA (also values[0])`}, is: scenario.ErrDuplicateValue},
		{reason: "neither select nor veto", values: "  - {actor: UA, weights: [{weight: 1}]}\n",
			want: []string{`f.yaml:7:27: values[0].weights[0]: a weight needs exactly one of select and veto`}, is: scenario.ErrWeightTerm},
		{reason: "a veto beside select: {}, which picks every guarantee", values: "  - {actor: UA, weights: [{weight: 1, select: {}, veto: d}]}\n",
			want: []string{`f.yaml:7:27: values[0].weights[0]: a weight needs exactly one of select and veto`}, is: scenario.ErrWeightTerm},
		{reason: "a misspelt key is said once, not also as a missing term", values: "  - {actor: UA, weights: [{weight: 1, selct: {}}]}\n",
			want: []string{`f.yaml:7:39: values[0].weights[0].selct: unknown key "selct"; did you mean "select"?`}, is: scenariofile.ErrUnknownKey},
	} {
		t.Run(c.reason, func(t *testing.T) {
			_, err := scenariofile.Parse("f.yaml", []byte(head+c.values))
			if c.want == nil {
				if err != nil {
					t.Fatalf("Parse: %v; want no error", err)
				}
				return
			}
			if d := cmp.Diff(c.want, messages(t, err)); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
			if !errors.Is(err, c.is) {
				t.Errorf("errors.Is(err, %v) = false", c.is)
			}
		})
	}
}
