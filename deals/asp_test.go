package deals_test

import (
	"bytes"
	"context"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

var models = regexp.MustCompile(`(?m)^Models\s*:\s*(\d+)\s*$`)

// clingoCount returns the number of answer sets of program projected on
// the package, as the program's header says to count them.
func clingoCount(t testing.TB, clingo, program string) uint64 {
	t.Helper()
	file := filepath.Join(t.TempDir(), "deals.lp")
	if err := os.WriteFile(file, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	out := testkit.RunClingo(t, clingo, file, "0", "--project", "-q")
	m := models.FindSubmatch(out)
	if m == nil {
		t.Fatalf("clingo printed no count:\n%s", out)
	}
	n, _ := strconv.ParseUint(string(m[1]), 10, 64)
	return n
}

// maxEnumerated bounds the count clingo checks: it counts by enumerating
// the packages, one by one.
const maxEnumerated = 50_000

// checkCount checks that clingo counts as many packages as Search does,
// and reports whether it compared them.
func checkCount(t *testing.T, clingo, name string, s scenario.Scenario) bool {
	t.Helper()
	r, err := deals.Search(context.Background(), s, deals.Options{Count: true})
	if err != nil || !r.Counted || r.Count > maxEnumerated {
		return false // past the search's limits, or too many to enumerate
	}
	if got := clingoCount(t, clingo, testkit.ASP(t, s)); got != r.Count {
		t.Errorf("%s: clingo counts %d feasible packages, Search %d", name, got, r.Count)
	}
	return true
}

// TestASPCountsAsSearch checks, on the seed and its variants, every
// scenario file under testdata/ and examples/, and 200 seeded random
// scenarios (some with the parties set aside, some answering an attack by
// anyone), that the program's answer sets, projected on the package, are
// as many as the feasible packages Search counts.
func TestASPCountsAsSearch(t *testing.T) {
	clingo := testkit.Clingo(t)
	seed := examples.Ukraine2025()
	compared := 0
	if checkCount(t, clingo, "seed", seed) {
		compared++
	}
	for _, v := range seed.Variants {
		w, err := seed.Variant(v.Name)
		if err != nil {
			t.Fatal(err)
		}
		if checkCount(t, clingo, "seed, variant "+v.Name, w) {
			compared++
		}
	}
	// Refusals under mandates, one binding and one not: the random
	// scenarios below have no mandates.
	if !checkCount(t, clingo, "renewals", renewals()) {
		t.Fatal("renewals: not compared")
	}
	compared++
	files := testkit.ScenarioFiles(t)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if checkCount(t, clingo, name, files[name]) {
			compared++
		}
	}
	feasible := 0
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 24))
		s := testkit.Generate(seed, testkit.RandomShape(r))
		switch seed % 3 {
		case 1:
			testkit.PartiesAsideAtRandom(seed, &s)
		case 2:
			testkit.AnyAttackerAtRandom(seed, &s)
		}
		if !checkCount(t, clingo, "seed "+strconv.FormatUint(seed, 10), s) {
			t.Fatalf("seed %d: not compared", seed)
		}
		if r, _ := deals.Search(context.Background(), s, deals.Options{}); r.Feasible {
			feasible++
		}
		compared++
	}
	if feasible < 20 || feasible > 180 {
		t.Errorf("%d of 200 random scenarios have a deal; the comparison needs both kinds", feasible)
	}
	t.Logf("%d scenarios compared, %d random ones with a deal", compared, feasible)
}

// TestASPDeterministicAndSafe checks that the program is the same on
// every call, and that text from the file cannot leave its comment: a
// name with a newline. (IDs admit no quote, backslash or space.)
func TestASPDeterministicAndSafe(t *testing.T) {
	s := examples.Ukraine2025()
	if a, b := testkit.ASP(t, s), testkit.ASP(t, s); a != b {
		t.Fatal("two programs of the same scenario differ")
	}
	s.Name = "evil\n:- in(G). in(\"x\")."
	p := testkit.ASP(t, s)
	for line := range strings.SplitSeq(p, "\n") {
		if strings.Contains(line, "evil") && !strings.HasPrefix(line, "% ") {
			t.Errorf("the scenario's name left its comment: %q", line)
		}
	}
	if clingo, err := exec.LookPath("clingo"); err == nil {
		r, err := deals.Search(context.Background(), s, deals.Options{Count: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := clingoCount(t, clingo, p); got != r.Count {
			t.Errorf("with hostile text clingo counts %d, Search %d", got, r.Count)
		}
	}
}

// TestASPRefusesInvalid checks that an invalid scenario gets its problems,
// and a weight with too many decimal places an error, not a program.
func TestASPRefusesInvalid(t *testing.T) {
	s := examples.Ukraine2025()
	s.Guarantees = slices.Clone(s.Guarantees)
	s.Guarantees[0].Provider = "nobody"
	if err := deals.WriteASP(new(bytes.Buffer), s); err == nil {
		t.Error("an unknown provider: no error")
	}
	s = examples.Ukraine2025()
	s.Values = slices.Clone(s.Values)
	s.Values[0].Weights = []scenario.Weight{{Weight: 0.1234567}}
	if err := deals.WriteASP(new(bytes.Buffer), s); err == nil || !strings.Contains(err.Error(), "decimal places") {
		t.Errorf("a weight of 7 decimal places: %v, want an error that says so", err)
	}
}
