package bargain_test

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/synth"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// This file checks the program of deals.WriteASP against
// bargain.UtilitarianOptimum: clingo's optimum, with -c
// optimise=1, is the utilitarian score times the scale the program names.
// It also times both on the issue's instance, clingo as a user runs it.

var scaleLine = regexp.MustCompile(`utilities times (\d+)`)

// aspScale returns the power of ten the program's utilities are
// multiplied by.
func aspScale(tb testing.TB, program string) int64 {
	tb.Helper()
	m := scaleLine.FindStringSubmatch(program)
	if m == nil {
		tb.Fatal("the program names no scale")
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	return n
}

var optimization = regexp.MustCompile(`(?m)^Optimization\s*:\s*(-?\d+)\s*$`)

// clingoOptimum runs clingo on the program in the file, as its header
// says to find the utilitarian optimum, and returns the optimum sum; ok is
// false when no non-empty deal is feasible.
func clingoOptimum(tb testing.TB, clingo, file string) (sum int64, ok bool) {
	tb.Helper()
	// clingo exits 10, not 30, when every deal sums to nothing (no term
	// to optimise): satisfiable, with no optimum line.
	out := testkit.RunClingo(tb, clingo, file, "-c", "optimise=1", "-q")
	m := optimization.FindAllSubmatch(out, -1)
	if len(m) == 0 {
		if strings.Contains(string(out), "UNSATISFIABLE") {
			return 0, false
		}
		if strings.Contains(string(out), "SATISFIABLE") {
			return 0, true
		}
		tb.Fatalf("clingo printed no optimum:\n%s", out)
	}
	n, err := strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
	if err != nil {
		tb.Fatal(err)
	}
	return -n, true // clingo minimises the negated sum
}

// checkOptimum checks clingo's optimum on the program of s against
// UtilitarianOptimum's score.
func checkOptimum(t testing.TB, clingo, name string, s scenario.Scenario) (feasible bool) {
	t.Helper()
	prog := testkit.ASP(t, s)
	file := filepath.Join(t.TempDir(), "deals.lp")
	if err := os.WriteFile(file, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	got, ok := clingoOptimum(t, clingo, file)
	sol, err := bargain.UtilitarianOptimum(t.Context(), s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ok == sol.Absent {
		t.Fatalf("%s: clingo finds a deal: %v; UtilitarianOptimum: %v (%s)", name, ok, !sol.Absent, sol.Reason)
	}
	if ok {
		if want := sol.Score * float64(aspScale(t, prog)); math.Abs(float64(got)-want) > 1e-6*max(1, math.Abs(want)) {
			t.Errorf("%s: clingo's optimum %d (scaled); UtilitarianOptimum's %v, scaled %v", name, got, sol.Score, want)
		}
	}
	return ok
}

// TestASPOptimum checks, on the seed's variants, every example with
// values and 200 seeded random scenarios given random values, that
// clingo's optimum on the program of deals.WriteASP is the utilitarian
// score UtilitarianOptimum (and so entente bargain) finds.
func TestASPOptimum(t *testing.T) {
	clingo := testkit.Clingo(t)
	seed := examples.Ukraine2025()
	for _, v := range seed.Variants {
		w, err := seed.Variant(v.Name)
		if err != nil {
			t.Fatal(err)
		}
		checkOptimum(t, clingo, "seed, variant "+v.Name, w)
	}
	for _, ex := range []struct {
		name string
		s    scenario.Scenario
	}{{"locarno1925", examples.Locarno1925()}, {"aegean1996", examples.Aegean1996()}} {
		if len(ex.s.Values) > 0 {
			checkOptimum(t, clingo, ex.name, ex.s)
		}
	}
	feasible := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 40))
		s := synth.Generate(synth.Config{Guarantees: 1 + r.IntN(9), Positions: 2 + r.IntN(5), DemandsVeto: r.IntN(3), Seed: seed})
		randomValues(r, &s)
		if len(s.Values) == 0 {
			continue
		}
		if checkOptimum(t, clingo, "seed "+strconv.FormatUint(seed, 10), s) {
			feasible++
		}
	}
	if feasible < 20 {
		t.Errorf("only %d random scenarios have a deal; the comparison needs more", feasible)
	}
	// The benchmark's family where clingo searches long, at a size it
	// still solves at once.
	for seed := range uint64(3) {
		if !checkOptimum(t, clingo, "dependent offers, seed "+strconv.FormatUint(seed, 10), dependentScenario(40, 4, seed)) {
			t.Errorf("dependent offers, seed %d: no deal", seed)
		}
	}
}

// aspFile is the program of the issue's instance, 40 offers, kept in
// testdata so that anyone can run clingo on it:
//
//	clingo bargain/testdata/utilitarian40.lp -c optimise=1 -q
var aspFile = filepath.Join("testdata", "utilitarian40.lp")

// TestASPProgram checks that the program in testdata is the one the
// issue's instance gives (-update rewrites it), and, when clingo is
// installed, that clingo finds the optimum UtilitarianOptimum finds.
func TestASPProgram(t *testing.T) {
	s := issueScenario(t, 40)
	prog := testkit.ASP(t, s)
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
	checkOptimum(t, testkit.Clingo(t), aspFile, s)
}

// BenchmarkUtilitarianVersusClingo measures, side by side on the issue's
// instance, UtilitarianOptimum and clingo (started as a process on the
// program in testdata, as a user would run it) finding the same optimum.
func BenchmarkUtilitarianVersusClingo(b *testing.B) {
	s := issueScenario(b, 40)
	b.Run("entente", func(b *testing.B) {
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
			if _, ok := clingoOptimum(b, clingo, aspFile); !ok {
				b.Fatal("clingo finds no deal")
			}
		}
	})
}

// BenchmarkUtilitarianGrowth times UtilitarianOptimum and clingo (the
// exported program, a process per run) as offers, positions and candidate
// vetoes grow together: the curve in docs/PERFORMANCE.md. The instances
// "withdrawn" keep few positions (see withdrawnUntilFeasible), so that
// the largest packages are large and hold many requirements between
// offers: harder for the search than the others.
func BenchmarkUtilitarianGrowth(b *testing.B) {
	for _, c := range []struct {
		offers, positions, vetoes int
		withdrawn                 bool
	}{{40, 30, 5, false}, {80, 40, 8, false}, {160, 60, 10, false}, {320, 80, 12, false}, {320, 80, 12, true}, {640, 120, 14, true}} {
		cfg := synth.Config{Guarantees: c.offers, Positions: c.positions, DemandsVeto: c.vetoes, Seed: 1}
		name := "offers=" + strconv.Itoa(c.offers) + "/vetoes=" + strconv.Itoa(c.vetoes)
		var s scenario.Scenario
		if c.withdrawn {
			s = withdrawnUntilFeasible(b, cfg)
			name += "/withdrawn"
		} else {
			s = feasibleScenario(b, cfg)
		}
		benchBoth(b, name, s)
	}
}

// benchBoth times UtilitarianOptimum on s, and clingo on the program of s
// after checking that it finds the same optimum.
func benchBoth(b *testing.B, name string, s scenario.Scenario) {
	b.Run(name+"/entente", func(b *testing.B) {
		for b.Loop() {
			if sol, err := bargain.UtilitarianOptimum(b.Context(), s); err != nil || sol.Absent {
				b.Fatal(err, sol.Reason)
			}
		}
	})
	b.Run(name+"/clingo", func(b *testing.B) {
		clingo, err := exec.LookPath("clingo")
		if err != nil {
			b.Skip("clingo is not installed (apt-get install gringo)")
		}
		if !checkOptimum(b, clingo, name, s) {
			b.Fatal("clingo finds no deal")
		}
		file := filepath.Join(b.TempDir(), "p.lp")
		if err := os.WriteFile(file, []byte(testkit.ASP(b, s)), 0o644); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, ok := clingoOptimum(b, clingo, file); !ok {
				b.Fatal("clingo finds no deal")
			}
		}
	})
}

// BenchmarkUtilitarianDependent times both on dependentScenario, where
// clingo's solver needs seconds from 70 offers on (its time grows about
// tenfold for every ten offers more), and the cuts under a millisecond.
// "process" is entente bargain --utilitarian on the scenario's file, a
// process per run as clingo is, built once. The largest case takes clingo
// about half a minute each run, twice (the check of its optimum, then the
// timing).
func BenchmarkUtilitarianDependent(b *testing.B) {
	dir := b.TempDir()
	var entente string // the command, once built into dir
	for _, c := range []struct{ offers, vetoes int }{{40, 4}, {60, 4}, {70, 4}, {70, 8}, {80, 4}} {
		name := "offers=" + strconv.Itoa(c.offers) + "/vetoes=" + strconv.Itoa(c.vetoes)
		s := dependentScenario(c.offers, c.vetoes, 1)
		benchBoth(b, name, s)
		b.Run(name+"/process", func(b *testing.B) {
			if entente == "" {
				entente = filepath.Join(dir, "entente")
				if out, err := exec.Command("go", "build", "-o", entente, "../cmd/entente").CombinedOutput(); err != nil {
					b.Fatalf("go build: %v\n%s", err, out)
				}
			}
			data, err := scenariofile.Marshal(s, scenariofile.YAML)
			if err != nil {
				b.Fatal(err)
			}
			file := filepath.Join(b.TempDir(), "dependent.yaml")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if out, err := exec.Command(entente, "bargain", "--utilitarian", file).CombinedOutput(); err != nil {
					b.Fatalf("entente bargain --utilitarian: %v\n%s", err, out)
				}
			}
		})
	}
}

// withdrawnUntilFeasible is the scenario c generates with its positions
// withdrawn, the last first and the demands-veto positions kept, until
// some choice of candidate vetoes allows a deal; five actors are given
// values as feasibleScenario gives them. Far fewer positions stand than in
// feasibleScenario's instances, and it is cheap where deals.Search, which
// feasibleScenario asks for concessions, is not (640 offers).
func withdrawnUntilFeasible(tb testing.TB, c synth.Config) scenario.Scenario {
	s := synth.Generate(c)
	for {
		feasible := false
		for _, err := range deals.Choices(tb.Context(), s) {
			if err != nil {
				tb.Fatal(err)
			}
			feasible = true
			break
		}
		if feasible {
			break
		}
		i := len(s.Positions) - 1
		for i >= 0 && s.Positions[i].Stance == scenario.DemandsVeto {
			i--
		}
		if i < 0 {
			tb.Fatal("every position but the demands-veto ones withdrawn, and still no deal")
		}
		var err error
		if s, err = s.With(scenario.Without{ID: s.PositionRef(i)}); err != nil {
			tb.Fatal(err)
		}
	}
	valuesFor(&s, 1)
	return s
}
