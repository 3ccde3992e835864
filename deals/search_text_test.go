package deals_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// vetoDispute is the seed's dilemma in small: Russia demands a veto over
// any guarantee to Ukraine, and Kyiv rejects it.
func vetoDispute() scenario.Scenario {
	toUA := guarantee.Selector{Beneficiary: "UA"}
	return scenario.Scenario{
		Name:   "Veto dispute",
		Actors: []actor.Actor{{ID: "US"}, {ID: "UK"}, {ID: "UA"}, {ID: "RU"}},
		Guarantees: []guarantee.Guarantee{
			{ID: "uk-aid", Provider: "UK", Beneficiary: "UA", Kind: guarantee.Aid},
			{ID: "us-intel", Provider: "US", Beneficiary: "UA", Kind: guarantee.Surveillance},
		},
		Positions: []scenario.Position{
			{ID: "ru-demands-veto", Actor: "RU", Stance: scenario.DemandsVeto, Select: toUA},
			{ID: "ua-rejects-ru-veto", Actor: "UA", Stance: scenario.RejectsVeto, By: []actor.ID{"RU"}, Select: toUA},
		},
	}
}

// WriteText prints what Search found as entente search does: here no
// deal, the two concessions that would each make one, and the conflict.
func ExampleWriteText() {
	s := vetoDispute()
	opts := deals.Options{Count: true}
	r, err := deals.Search(context.Background(), s, opts)
	if err != nil {
		panic(err)
	}
	if err := deals.WriteText(os.Stdout, s, r, opts); err != nil {
		panic(err)
	}
	// Output:
	// Veto dispute
	// No deal is possible: of the 2 offers on the table, none can be in a deal that meets every position; only no guarantee at all does.
	//
	// Dead, in no feasible package: every offer, as the positions stand
	// Feasible packages: 1, counting the empty package (no guarantee at all)
	//
	// What would make a deal possible: 2 minimal concessions, smallest first.
	//
	// concession 1
	//          withdraw: RU demands a veto over guarantees to UA
	//          positions:  ru-demands-veto
	//          unlocks:    uk-aid, us-intel
	//
	// concession 2
	//          withdraw: UA rejects any veto by RU over guarantees to UA
	//          positions:  ua-rejects-ru-veto
	//          unlocks:    uk-aid, us-intel
	//                      with RU's veto over guarantees to UA (ru-demands-veto) granted
	//
	// What rules every deal out: 1 conflict, each a minimal set of positions that cannot all stand.
	//
	// conflict 1
	//          RU demands a veto over guarantees to UA; UA rejects any veto by RU over guarantees to UA
	//          positions:  ru-demands-veto, ua-rejects-ru-veto
}

// TestSearchResultJSON checks that a SearchResult's JSON has "count" only
// when Counted, a count of 0 included, and reads back as it was.
func TestSearchResultJSON(t *testing.T) {
	for _, c := range []struct {
		reason string
		r      deals.Result
		want   string
	}{
		{
			reason: "not counted: no count at all",
			r:      deals.Result{Feasible: true, Maximal: []deals.Deal{{Guarantees: []guarantee.ID{"a"}, Vetoes: []string{"p"}}}, Complete: true},
			want:   `{"feasible":true,"maximal":[{"guarantees":["a"],"vetoes":["p"]}],"empty_feasible":false,"forced":null,"dead":null,"concessions":null,"conflicts":null,"complete":true}`,
		},
		{
			reason: "counted none: a count of 0, not left out",
			r:      deals.Result{Counted: true, Stopped: "x<y"},
			want:   `{"feasible":false,"maximal":null,"count":0,"empty_feasible":false,"forced":null,"dead":null,"concessions":null,"conflicts":null,"complete":false,"stopped":"x\u003cy"}`,
		},
		{
			reason: "counted some",
			r:      deals.Result{Count: 6, Counted: true, EmptyFeasible: true, Complete: true},
			want:   `{"feasible":false,"maximal":null,"count":6,"empty_feasible":true,"forced":null,"dead":null,"concessions":null,"conflicts":null,"complete":true}`,
		},
	} {
		got, err := json.Marshal(c.r)
		if err != nil {
			t.Fatalf("%s: %v", c.reason, err)
		}
		if string(got) != c.want {
			t.Errorf("%s: json.Marshal =\n%s\nwant\n%s", c.reason, got, c.want)
		}
		var back deals.Result
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%s: %v", c.reason, err)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(again, got) || back.Counted != c.r.Counted || back.Count != c.r.Count {
			t.Errorf("%s: read back as %+v, written %s; want %+v", c.reason, back, again, c.r)
		}
	}
}

// TestWriteSearchColor checks that colour marks the verdict and nothing
// else, and that the words are there without it.
func TestWriteSearchColor(t *testing.T) {
	s := vetoDispute()
	r, err := deals.Search(t.Context(), s, deals.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var plain, color bytes.Buffer
	if err := deals.WriteText(&plain, s, r, deals.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := (deals.Text{Color: true}).Write(&color, s, r, deals.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.ReplaceAll(strings.ReplaceAll(color.String(), "\x1b[1;31m", ""), "\x1b[0m", ""); got != plain.String() {
		t.Errorf("with its colours taken out, the coloured text differs:\n%s\nwant\n%s", got, plain.String())
	}
	if !strings.Contains(color.String(), "\x1b[1;31mNo deal is possible\x1b[0m") {
		t.Errorf("the coloured text does not mark the verdict:\n%q", color.String())
	}
}

func TestDescribeVetoes(t *testing.T) {
	s := examples.Ukraine2025()
	for _, tc := range []struct {
		deal deals.Deal
		want string
	}{
		{deals.Deal{}, ""},
		{deals.Deal{Vetoes: []string{"ru-demands-veto"}}, "RU's veto over guarantees to UA (ru-demands-veto)"},
		{deals.Deal{Vetoes: []string{"ru-demands-veto", "no-such-position"}}, "the vetoes of ru-demands-veto, no-such-position"},
	} {
		if got := tc.deal.DescribeVetoes(&s); got != tc.want {
			t.Errorf("DescribeVetoes(%v) = %q, want %q", tc.deal.Vetoes, got, tc.want)
		}
	}
}
