package bargain_test

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/scenario"
)

// This file writes the utilitarian optimum of a scenario as an answer-set
// program for clingo 5, so that the branch and bound of
// bargain.UtilitarianOptimum can be measured against a general solver on
// the same instance. The program holds the instance compiled as
// deals.Choices gives it: for each choice of candidate vetoes, the
// offers it allows, the requires positions' offers, the offers'
// requirements, and what each offer and each choice adds to the sum of
// utilities (whole numbers: the generated values are). clingo picks one
// choice and a subset of its offers, closed under requirements, meeting
// every requires position, non-empty, of the largest sum.

// aspProgram returns the program of s.
func aspProgram(tb testing.TB, s scenario.Scenario) string {
	tb.Helper()
	x, err := actor.NewIndex(s.Actors)
	if err != nil {
		tb.Fatal(err)
	}
	worth := func(match func(scenario.Weight) bool) int64 {
		sum := new(big.Rat)
		for _, v := range s.Values {
			for _, w := range v.Weights {
				if match(w) {
					sum.Add(sum, new(big.Rat).SetFloat64(w.Weight))
				}
			}
		}
		if !sum.IsInt() || !sum.Num().IsInt64() {
			tb.Fatalf("a worth of %v is not a whole number: the program takes integers", sum)
		}
		return sum.Num().Int64()
	}
	atom := func(id string) string { return strconv.Quote(id) }
	var b strings.Builder
	b.WriteString("% The utilitarian optimum of " + strings.ReplaceAll(s.Name, "\n", " ") + ", written by bargain's asp_test.go.\n")
	for _, g := range s.Guarantees {
		fmt.Fprintf(&b, "worth(%s,%d).\n", atom(string(g.ID)), worth(func(w scenario.Weight) bool { return w.Veto == "" && w.Select.Matches(&g, x) }))
		for _, r := range g.Requires {
			fmt.Fprintf(&b, "dep(%s,%s).\n", atom(string(g.ID)), atom(string(r)))
		}
	}
	k := 0
	for c, err := range deals.Choices(context.Background(), s) {
		if err != nil {
			tb.Fatal(err)
		}
		vw := worth(func(w scenario.Weight) bool {
			k := s.PositionIndex(w.Veto)
			return w.Veto != "" && k >= 0 && slices.Contains(c.Vetoes, s.PositionRef(k))
		})
		fmt.Fprintf(&b, "choice(%d). vworth(%d,%d).\n", k, k, vw)
		for _, g := range c.Largest {
			fmt.Fprintf(&b, "allowed(%d,%s).\n", k, atom(string(g)))
		}
		for r, hit := range c.Requires {
			fmt.Fprintf(&b, "reqpos(%d,%d).\n", k, r)
			for _, g := range hit {
				fmt.Fprintf(&b, "req(%d,%d,%s).\n", k, r, atom(string(g)))
			}
		}
		k++
	}
	b.WriteString(`1 { pick(W) : choice(W) } 1.
{ in(G) } :- pick(W), allowed(W,G).
:- in(G), dep(G,H), not in(H).
hit(R) :- pick(W), req(W,R,G), in(G).
:- pick(W), reqpos(W,R), not hit(R).
some :- in(G).
:- not some.
#maximize { C,g,G : in(G), worth(G,C); C,w,W : pick(W), vworth(W,C) }.
#show in/1.
#show pick/1.
`)
	return b.String()
}

var optimization = regexp.MustCompile(`(?m)^Optimization: (-?\d+)$`)

// clingoOptimum runs clingo on the program and returns the optimum sum.
func clingoOptimum(tb testing.TB, clingo, program string) int64 {
	tb.Helper()
	out, err := exec.Command(clingo, "--quiet=1", program).Output()
	// clingo exits 30 when it proves an optimum.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 30) {
		tb.Fatalf("clingo: %v\n%s", err, out)
	}
	m := optimization.FindAllSubmatch(out, -1)
	if len(m) == 0 {
		tb.Fatalf("clingo printed no optimum:\n%s", out)
	}
	n, err := strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
	if err != nil {
		tb.Fatal(err)
	}
	return -n // clingo minimises the negated sum
}

// aspFile is the program of the issue's instance, 40 offers, kept in
// testdata so that anyone can run clingo on it:
//
//	clingo --quiet=1 bargain/testdata/utilitarian40.lp
var aspFile = filepath.Join("testdata", "utilitarian40.lp")

// TestASPProgram checks that the program in testdata is the one the
// issue's instance gives (-update rewrites it), and, when clingo is
// installed, that clingo finds the optimum UtilitarianOptimum finds.
func TestASPProgram(t *testing.T) {
	s := issueScenario(t, 40)
	prog := aspProgram(t, s)
	if *update {
		if err := os.WriteFile(aspFile, []byte(prog), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(aspFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != prog {
		t.Fatalf("%s is not the program of the instance; run go test ./bargain -run TestASPProgram -update", aspFile)
	}
	clingo, err := exec.LookPath("clingo")
	if err != nil {
		t.Skip("clingo is not installed (apt-get install gringo)")
	}
	sol, err := bargain.UtilitarianOptimum(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	if got := clingoOptimum(t, clingo, aspFile); float64(got) != sol.Score {
		t.Errorf("clingo's optimum %d; UtilitarianOptimum's %v", got, sol.Score)
	}
}

// BenchmarkUtilitarianVersusClingo measures, side by side on the issue's
// instance, UtilitarianOptimum and clingo (started as a process on the
// program in testdata, as a user would run it) finding the same optimum.
func BenchmarkUtilitarianVersusClingo(b *testing.B) {
	s := issueScenario(b, 40)
	b.Run("branch-and-bound", func(b *testing.B) {
		for b.Loop() {
			if _, err := bargain.UtilitarianOptimum(b.Context(), s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("clingo", func(b *testing.B) {
		clingo, err := exec.LookPath("clingo")
		if err != nil {
			b.Skip("clingo is not installed (apt-get install gringo)")
		}
		for b.Loop() {
			clingoOptimum(b, clingo, aspFile)
		}
	})
}
