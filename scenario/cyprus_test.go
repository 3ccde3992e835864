package scenario_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// TestCyprus1960 holds the Treaty of Guarantee of 1960 (a file under
// scenariofile's testdata/good) to what Evaluate must say of it: each of
// Greece and Turkey, acting alone and named as an attacker of its own
// guarantee's trigger, holds that guarantee captured; the United
// Kingdom's, which no attacker can stop, is not; and no guarantee has a
// mandate, so no renewal or sunset finding fires. The calls over its
// timeline (one attacker, then the other) are the walk's to judge.
func TestCyprus1960(t *testing.T) {
	s, err := scenariofile.ReadFile("scenariofile/testdata/good/cyprus1960.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	got := map[scenario.Code][]guarantee.ID{}
	for _, f := range r.Findings {
		got[f.Code] = append(got[f.Code], f.Guarantees...)
	}
	for code := range got {
		slices.Sort(got[code])
	}
	want := map[scenario.Code][]guarantee.ID{scenario.CapturedGuarantee: {"gr-guarantee", "tr-guarantee"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings by code (-want +got):\n%s", d)
	}
	if r.Verdict != scenario.Incompatible {
		t.Errorf("verdict %s; want incompatible", r.Verdict)
	}
	var dates []string
	for _, e := range s.Timeline {
		dates = append(dates, e.Dated())
	}
	if d := cmp.Diff([]string{"1974-07-15 attack(GR, CY)", "1974-07-20 attack(TR, CY)"}, dates); d != "" {
		t.Errorf("timeline (-want +got):\n%s", d)
	}
}
