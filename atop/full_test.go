package atop_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// dataDir returns the folder of ATOP 4.01 beside the module, ../shared/data
// from the module root, skipping the test when it is absent, unless CI=true:
// CI has the data, and a missing copy there is a failure.
func dataDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	// CI clones the module beside shared/; a git worktree under wt/ has it
	// one folder further up.
	data := filepath.Join(dir, "..", "shared", "data", "atop-4.01")
	if _, err := os.Stat(data); err != nil {
		data = filepath.Join(dir, "..", "..", "shared", "data", "atop-4.01")
	}
	if _, err := os.Stat(filepath.Join(data, "atop4_01a.csv")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the ATOP 4.01 record is not at %s: %v", data, err)
		}
		t.Skipf("the ATOP 4.01 record is not at %s; skipping the test of the whole record", data)
	}
	return data
}

// TestFullRecord reads the whole of ATOP 4.01: every phase imports into a
// scenario that validates, writes to a canonical file and reads back as
// the same scenario.
func TestFullRecord(t *testing.T) {
	r, err := atop.ReadDir(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(r.Alliances), 745; got != want {
		t.Errorf("alliances: got %d, want %d", got, want)
	}
	phases := r.Phases()
	if got, want := len(phases), 799; got != want {
		t.Errorf("phases: got %d, want %d", got, want)
	}
	if r.Version != "4.01" {
		t.Errorf("version: got %q, want 4.01", r.Version)
	}
	var warnings int
	for _, p := range phases {
		s, warns := p.Scenario()
		warnings += len(warns)
		if err := scenario.Validate(s); err != nil {
			t.Errorf("%s: %v", p.Key(), err)
			continue
		}
		data, err := scenariofile.Marshal(s, scenariofile.YAML)
		if err != nil {
			t.Errorf("%s: %v", p.Key(), err)
			continue
		}
		back, err := scenariofile.Parse(p.Key()+".yaml", data)
		if err != nil {
			t.Errorf("%s: %v", p.Key(), err)
			continue
		}
		if d := cmp.Diff(s, back); d != "" {
			t.Errorf("%s: read back differs (-imported +read):\n%s", p.Key(), d)
		}
		if _, err := scenario.Evaluate(s); err != nil {
			t.Errorf("%s: %v", p.Key(), err)
		}
	}
	if warnings != 1 {
		t.Errorf("warnings: got %d, want 1 (COW8152 in atopid 1320)", warnings)
	}
}

// TestFullRecordCheck checks every phase as coded and under both what-ifs,
// and asserts what must hold of ATOP 4.01: 799 phases of 745 alliances,
// every one evaluating without an error; as coded, no insider-veto (each
// member decides for itself); under unanimity some, each in a phase of
// three members or more (in a pact of two, the members are the provider
// and the beneficiary); under majority none; and the same bytes twice.
// go test -v logs the summary.
func TestFullRecordCheck(t *testing.T) {
	r, err := atop.ReadDir(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	rules := []atop.Rule{atop.AsCoded, atop.Unanimity, atop.Majority}
	check := func() ([]atop.Result, string) {
		res, err := atop.Check(t.Context(), r.Phases(), rules...)
		if err != nil {
			t.Fatalf("a phase does not evaluate: %v", err)
		}
		var b strings.Builder
		if err := atop.WriteSummary(&b, res, rules); err != nil {
			t.Fatal(err)
		}
		if err := atop.WriteCSV(&b, res, rules); err != nil {
			t.Fatal(err)
		}
		return res, b.String()
	}
	res, out := check()
	if _, again := check(); again != out {
		t.Error("two checks of the record differ")
	}
	alliances := map[int]bool{}
	for _, r := range res {
		alliances[r.Info.Alliance] = true
	}
	if len(res) != 799 || len(alliances) != 745 {
		t.Errorf("%d phases of %d alliances, want 799 of 745", len(res), len(alliances))
	}
	sums := atop.Summarize(res, rules)
	if n := sums[0].Codes[scenario.InsiderVeto].Phases; n != 0 {
		t.Errorf("as coded: %d phases with insider-veto, want none: each member decides for itself", n)
	}
	if n := sums[1].Codes[scenario.InsiderVeto].Phases; n == 0 {
		t.Error("under unanimity: no phase with insider-veto")
	}
	if n := sums[2].Codes[scenario.InsiderVeto].Phases; n != 0 {
		t.Errorf("under majority: %d phases with insider-veto, want none", n)
	}
	for _, r := range res {
		if r.Outcomes[1].Counts[scenario.InsiderVeto] > 0 && r.Info.Members < 3 {
			t.Errorf("atopid %d phase %d: insider-veto under unanimity with %d members; a member other than the provider and the beneficiary needs three",
				r.Info.Alliance, r.Info.Phase, r.Info.Members)
		}
	}
	summary, _, _ := strings.Cut(out, "atopid,")
	t.Log("\n" + summary)
}

// TestFullRecordTerms checks the terms of phases whose rows in the member
// file differ from the alliance's row, against what those rows say: each
// phase's mandate, and its named threats.
func TestFullRecordTerms(t *testing.T) {
	r, err := atop.ReadDir(dataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	phases := map[string]atop.Phase{}
	for _, p := range r.Phases() {
		phases[p.Key()] = p
	}
	tests := []struct {
		key, mandate string
		threats      int
		why          string
	}{
		{"atop-1350-1", "ends 1887-05-20", 1, "the Triple Alliance's first five years, no renewal (rows: length 60, proren 0)"},
		{"atop-1350-3", "renewed by ATOP1350 every 6 years from 1891-05-06", 1, "the renewal of 1891 on new terms counts from 1891"},
		{"atop-2070-2", "ends 1931-03-26", 0, "the second phase begins after five years from 1921 ran out: five years from its start"},
		{"atop-2440-1", "", 0, "the Anglo-Polish assurance of 1939 has no length and names no threat (rows: speclgth 2, statthr1 0)"},
		{"atop-2535-1", "", 1, "the Anglo-Soviet agreement of 1941 has no length (rows: speclgth 0)"},
		{"atop-2535-2", "renewed by ATOP2535 every 1 year from 1961-05-26", 1, "the treaty of 1942: twenty years from 1942, then yearly"},
		{"atop-3180-2", "renewed by ATOP3180", 0, "NATO's twenty years, unchanged as members joined, run from 1949"},
	}
	for _, tt := range tests {
		p, ok := phases[tt.key]
		if !ok {
			t.Errorf("%s: no such phase", tt.key)
			continue
		}
		s, _ := p.Scenario()
		if len(s.Guarantees) == 0 {
			t.Errorf("%s: no guarantee", tt.key)
			continue
		}
		if got := s.Guarantees[0].Mandate.String(); got != tt.mandate {
			t.Errorf("%s: mandate %q, want %q (%s)", tt.key, got, tt.mandate, tt.why)
		}
		if got := len(p.Alliance.Threats); got != tt.threats {
			t.Errorf("%s: %d named threats, want %d (%s)", tt.key, got, tt.threats, tt.why)
		}
	}
	for key, want := range map[string]string{
		"atop-3180-2": "240 months from 1949-04-04", // NATO: the same terms as members joined
		"atop-2145-2": "24 months from 1929-12-17",  // new terms in 1929
		"atop-2145-3": "24 months from 1929-12-17",  // the same terms while 1929's term runs
	} {
		if s, _ := phases[key].Scenario(); !strings.Contains(s.Description, want) {
			t.Errorf("%s: the description does not say %q:\n%s", key, want, s.Description)
		}
	}
}
