package bargain_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// twoValues is ExampleSolve's scenario, named: A wants both offers, B
// only the first.
func twoValues(name string) scenario.Scenario {
	return scenario.Scenario{
		Name:   name,
		Actors: []actor.Actor{{ID: "A"}, {ID: "B"}, {ID: "US"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "aid", Provider: "US", Beneficiary: "A", Kind: guarantee.Aid},
			{ID: "air", Provider: "US", Beneficiary: "A", Kind: guarantee.AirSupport},
		},
		Values: []scenario.Value{
			{Actor: "A", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: 3, Select: guarantee.SelectIDs("air")}}},
			{Actor: "B", Weights: []scenario.Weight{{Weight: 2, Select: guarantee.SelectIDs("aid")}, {Weight: -1, Select: guarantee.SelectIDs("air")}}},
		},
	}
}

// WriteText prints a bargaining as entente bargain does.
func ExampleWriteText() {
	s := twoValues("Two offers")
	r, err := bargain.Solve(context.Background(), s, bargain.Options{})
	if err != nil {
		panic(err)
	}
	if err := bargain.WriteText(os.Stdout, s, r); err != nil {
		panic(err)
	}
	// Output:
	// Two offers
	// Bargaining among A and B: 3 outcomes, 2 are individually rational; the Pareto frontier has 2 outcomes.
	// Disagreement values (with no deal): A 0, B 0.
	//
	// Pareto frontier (utilities)
	//   #  guarantees  vetoes granted  A  B
	//   1  aid, air    none            5  1
	//   2  aid         none            2  2
	//
	// Solutions (gain over disagreement per actor)
	//          utilitarian  nash  kalai-smorodinsky  egalitarian
	//   A      5            5     5                  2
	//   B      1            1     1                  2
	//   score  6            5     0.5                2
	//
	// utilitarian
	//   guarantees: aid, air
	//   vetoes granted: none
	//   why: the sum of utilities is 6, 2 more than the runner-up {aid}
	//
	// nash
	//   guarantees: aid, air
	//   vetoes granted: none
	//   why: the product of gains is 5, 1 more than the runner-up {aid}
	//
	// kalai-smorodinsky
	//   guarantees: aid, air
	//   vetoes granted: none
	//   why: the least share of an actor's ideal gain is 0.5, 1/10 ≈ 0.1 more than the runner-up {aid}
	//
	// egalitarian
	//   guarantees: aid
	//   vetoes granted: none
	//   why: the least gain is 2, 1 more than the runner-up {aid, air}
}

// WriteMarkdown prints a bargaining as entente bargain --format markdown
// does, to paste into an issue or a brief.
func ExampleWriteMarkdown() {
	s := twoValues("Two offers")
	r, err := bargain.Solve(context.Background(), s, bargain.Options{})
	if err != nil {
		panic(err)
	}
	if err := bargain.WriteMarkdown(os.Stdout, s, r); err != nil {
		panic(err)
	}
	// Output:
	// # Bargaining: Two offers
	//
	// Bargaining among A and B: 3 outcomes, 2 are individually rational; the Pareto frontier has 2 outcomes.
	//
	// Disagreement values (with no deal): A 0, B 0.
	//
	// ## Pareto frontier
	//
	// | # | guarantees | vetoes granted | A | B |
	// | ---: | --- | --- | ---: | ---: |
	// | 1 | aid, air | none | 5 | 1 |
	// | 2 | aid | none | 2 | 2 |
	//
	// ## Solutions
	//
	// Gain over the disagreement value, per actor.
	//
	// | | utilitarian | nash | kalai-smorodinsky | egalitarian |
	// | --- | ---: | ---: | ---: | ---: |
	// | A | 5 | 5 | 5 | 2 |
	// | B | 1 | 1 | 1 | 2 |
	//
	// - **utilitarian**: aid, air; vetoes granted: none; why: the sum of utilities is 6, 2 more than the runner-up {aid}.
	// - **nash**: aid, air; vetoes granted: none; why: the product of gains is 5, 1 more than the runner-up {aid}.
	// - **kalai-smorodinsky**: aid, air; vetoes granted: none; why: the least share of an actor's ideal gain is 0.5, 1/10 ≈ 0.1 more than the runner-up {aid}.
	// - **egalitarian**: aid; vetoes granted: none; why: the least gain is 2, 1 more than the runner-up {aid, air}.
}

// TestWriteHostileName checks that a scenario's name reaches neither
// writer with a control character or a bidirectional override in it, and
// that Markdown's syntax in it is escaped.
func TestWriteHostileName(t *testing.T) {
	s := twoValues("evil \x1b[31mRED\x1b[0m \u202eOVERRIDE *bold*")
	r, err := bargain.Solve(t.Context(), s, bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		reason string
		write  func(*bytes.Buffer) error
		want   string
	}{
		{"text escapes what would act on the terminal", func(b *bytes.Buffer) error { return bargain.WriteText(b, s, r) }, `evil \x1b[31mRED\x1b[0m \u202eOVERRIDE *bold*`},
		{"markdown drops controls, escapes overrides and markup", func(b *bytes.Buffer) error { return bargain.WriteMarkdown(b, s, r) }, `# Bargaining: evil  \[31mRED \[0m \u202eOVERRIDE \*bold\*`},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(b.String(), "\n")
		if first != c.want {
			t.Errorf("%s: first line %q; want %q", c.reason, first, c.want)
		}
		if strings.ContainsAny(b.String(), "\x1b\u202e") {
			t.Errorf("%s: a hidden rune reaches the output:\n%q", c.reason, b.String())
		}
	}
}

// TestWritersRefuseMalformedResults: a Result or Solution whose lists do
// not fit its actors, as one built by hand may be, is an error wrapping
// ErrMalformed from every writer, never a panic; what Solve returns is
// never malformed.
func TestWritersRefuseMalformedResults(t *testing.T) {
	s := twoValues("two")
	good, err := bargain.Solve(context.Background(), s, bargain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	short := good
	short.Disagreement = short.Disagreement[:1]
	points := good
	points.Points = [][]float64{{1}}
	solution := good
	solution.Solutions = append([]bargain.Solution{{Name: bargain.Utilitarian}}, good.Solutions[1:]...)
	gains := good
	gains.Solutions = slices.Clone(good.Solutions)
	noGains := *gains.Solutions[0].Outcome
	noGains.Gains = nil
	gains.Solutions[0].Outcome = &noGains
	writers := map[string]func(bargain.Result) error{
		"WriteText":     func(r bargain.Result) error { return bargain.WriteText(new(bytes.Buffer), s, r) },
		"WriteMarkdown": func(r bargain.Result) error { return bargain.WriteMarkdown(new(bytes.Buffer), s, r) },
		"WriteSVG":      func(r bargain.Result) error { return bargain.WriteSVG(new(bytes.Buffer), r) },
	}
	for name, write := range writers {
		if err := write(good); err != nil {
			t.Errorf("%s of Solve's result: %v", name, err)
		}
		for what, r := range map[string]bargain.Result{"a short disagreement": short, "a point of one value": points, "a solution with no outcome": solution, "a solution with no gains": gains} {
			if err := write(r); !errors.Is(err, bargain.ErrMalformed) {
				t.Errorf("%s of %s: %v; want ErrMalformed", name, what, err)
			}
		}
	}
	if got := short.Summary(); !strings.Contains(got, "malformed bargaining result: disagreement holds 1 values for 2 actors") {
		t.Errorf("Summary of a short disagreement: %q", got)
	}
	sol, err := bargain.UtilitarianOptimum(context.Background(), scenario.Scenario{})
	if err == nil {
		t.Fatal("UtilitarianOptimum of no values: no error")
	}
	if err := bargain.WriteUtilitarian(new(bytes.Buffer), s, sol); !errors.Is(err, bargain.ErrMalformed) {
		t.Errorf("WriteUtilitarian of the Solution returned with an error: %v; want ErrMalformed", err)
	}
}
