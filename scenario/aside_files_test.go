package scenario_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
)

// answers is what Evaluate answers about a scenario.
type answers struct {
	Report scenario.Report
}

// answer returns the report on s: through Evaluate, or, forcingAside,
// through the paths of the parties-aside rule even where nothing sets
// the parties aside. The walk and the search check their own paths the
// same way, in their packages.
func answer(t *testing.T, s scenario.Scenario, forcingAside bool) answers {
	t.Helper()
	evaluate := scenario.Evaluate
	if forcingAside {
		evaluate = scenario.EvaluateForcingAside
	}
	var a answers
	var err error
	if a.Report, err = evaluate(s); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestOldFilesKeepTheirMeaning evaluates, walks and searches every
// scenario under testdata/ and examples/ that does not set the parties
// aside (every file written before the rule existed) twice: as the model
// does, and through the paths of the rule, which must give the same
// answers byte for byte. For the files that do set the parties aside, it
// checks parties-set-aside against the file with the flags stripped: a
// guarantee the rule saves from capture is captured there by exactly the
// parties the finding names, and only such guarantees get the finding.
func TestOldFilesKeepTheirMeaning(t *testing.T) {
	files := testkit.ScenarioFiles(t)
	aside := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		s := files[name]
		if !testkit.HasAside(s) {
			plain := answer(t, s, false)
			forced := answer(t, s, true)
			if diff := cmp.Diff(plain, forced); diff != "" {
				t.Errorf("%s: the paths of the rule answer differently where nothing sets the parties aside (-plain +forced):\n%s", name, diff)
			}
			if n := len(slices.Collect(plain.Report.Only(scenario.PartiesSetAside))); n != 0 {
				t.Errorf("%s: %d parties-set-aside findings in a scenario that sets nothing aside", name, n)
			}
			continue
		}
		aside++
		checkSetAsideAgainstStripped(t, name, s)
	}
	if aside == 0 {
		t.Error("no scenario file sets the parties aside; the Locarno example should")
	}
	t.Logf("%d scenarios and variants, %d of them set the parties aside", len(files), aside)
}

// checkSetAsideAgainstStripped checks that s's parties-set-aside findings
// are the captured-guarantee findings of s with its flags stripped, for
// the guarantees s does not find captured.
func checkSetAsideAgainstStripped(t *testing.T, name string, s scenario.Scenario) (fired int) {
	t.Helper()
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	r0, err := scenario.Evaluate(testkit.StripAside(s))
	if err != nil {
		t.Fatalf("%s: stripped of parties-aside it does not evaluate: %v", name, err)
	}
	byGuarantee := func(r scenario.Report, c scenario.Code) map[guarantee.ID][]string {
		out := map[guarantee.ID][]string{}
		for f := range r.Only(c) {
			for _, a := range f.Actors {
				out[f.Guarantees[0]] = append(out[f.Guarantees[0]], string(a))
			}
		}
		return out
	}
	captured, was, setAside := byGuarantee(r, scenario.CapturedGuarantee), byGuarantee(r0, scenario.CapturedGuarantee), byGuarantee(r0, scenario.PartiesSetAside)
	if len(setAside) > 0 {
		t.Errorf("%s: stripped of parties-aside it still has parties-set-aside findings: %v", name, setAside)
	}
	want := map[guarantee.ID][]string{}
	for g, actors := range was {
		if _, still := captured[g]; !still {
			want[g] = actors
		}
	}
	if diff := cmp.Diff(want, byGuarantee(r, scenario.PartiesSetAside)); diff != "" {
		t.Errorf("%s: parties-set-aside should name, for each guarantee not captured, who captures it once the flags are stripped (-stripped +got):\n%s", name, diff)
	}
	return len(want)
}

// TestPartiesSetAsideAgreesWithStripped makes both checks of
// TestOldFilesKeepTheirMeaning on random scenarios, which set the parties
// aside now and then.
func TestPartiesSetAsideAgreesWithStripped(t *testing.T) {
	n := 3000
	if testing.Short() || testkit.RaceEnabled {
		n = 300
	}
	r := rand.New(rand.NewPCG(1925, 15))
	fired := 0
	for seed := range uint64(n) {
		s := testkit.Generate(seed, testkit.RandomShape(r))
		if testkit.HasAside(s) {
			fired += checkSetAsideAgainstStripped(t, "seed "+strconv.FormatUint(seed, 10), s)
			continue
		}
		plain := testkit.Evaluate(t, s)
		forced, err := scenario.EvaluateForcingAside(s)
		if err != nil {
			t.Fatalf("seed %d: through the paths of the rule: %v", seed, err)
		}
		testkit.CheckInvariants(t, forced)
		if diff := cmp.Diff(plain, forced); diff != "" {
			t.Errorf("seed %d: the paths of the rule evaluate differently where nothing sets the parties aside (-plain +forced):\n%s", seed, diff)
		}
	}
	if fired < n/30 {
		t.Errorf("parties-set-aside fired only %d times in %d scenarios: the check is nearly empty", fired, n)
	}
	t.Logf("parties-set-aside fired %d times in %d scenarios", fired, n)
}
