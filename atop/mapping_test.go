package atop_test

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

var (
	aHeader = "atopid,begyr,begmo,begday,endyr,endmo,endday,speclgth,length,proren,renewlgt,specthrt,statthr1,statthr2,version"
	mHeader = "atopid,member,phase,yrent,moent,dayent,yrexit,moexit,dayexit,defense,offense,neutral,nonagg,consul,defcoadv,defcoloc,defconpr,neucoadv,offcoadv,version"
)

// row fills a CSV line of header from defaults and the cells given as
// "column=value".
func row(header string, defaults map[string]string, cells ...string) string {
	vals := map[string]string{}
	maps.Copy(vals, defaults)
	for _, c := range cells {
		k, v, _ := strings.Cut(c, "=")
		vals[k] = v
	}
	cols := strings.Split(header, ",")
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = vals[c]
		if out[i] == "" {
			out[i] = "0"
		}
	}
	return strings.Join(out, ",")
}

var aDefault = map[string]string{"atopid": "9000", "begyr": "1900", "begmo": "1", "begday": "31", "version": "4.0100002"}
var mDefault = map[string]string{"atopid": "9000", "yrent": "1900", "moent": "1", "dayent": "31", "version": "4.01"}

// phase reads one alliance row and its member rows, and returns the
// scenario of its one phase with its warnings.
func phase(t *testing.T, alliance []string, members ...[]string) (scenario.Scenario, []atop.Warning) {
	t.Helper()
	a := aHeader + "\n" + row(aHeader, aDefault, alliance...) + "\n"
	var m strings.Builder
	m.WriteString(mHeader + "\n")
	for _, cells := range members {
		m.WriteString(row(mHeader, mDefault, cells...) + "\n")
	}
	r, err := atop.Read("a.csv", strings.NewReader(a), "m.csv", strings.NewReader(m.String()))
	if err != nil {
		t.Fatal(err)
	}
	ps := r.Phases()
	if len(ps) != 1 {
		t.Fatalf("phases: got %d, want 1", len(ps))
	}
	s, w := ps[0].Scenario()
	if err := scenario.Validate(s); err != nil {
		t.Fatalf("the scenario does not validate: %v", err)
	}
	return s, w
}

func byID(s scenario.Scenario, id guarantee.ID) guarantee.Guarantee {
	i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == id })
	if i < 0 {
		return guarantee.Guarantee{}
	}
	return s.Guarantees[i]
}

func ids(s scenario.Scenario) []guarantee.ID {
	var out []guarantee.ID
	for _, g := range s.Guarantees {
		out = append(out, g.ID)
	}
	return out
}

func actorOf(s scenario.Scenario, id actor.ID) actor.Actor {
	i := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return a.ID == id })
	if i < 0 {
		return actor.Actor{}
	}
	return s.Actors[i]
}

// TestMapping tests each rule of the reading on rows made for it.
func TestMapping(t *testing.T) {
	usa, ukg, frn, gmy, rus := "member=2", "member=200", "member=220", "member=255", "member=365"
	t.Run("defence is due on an attack on the partner by anyone", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1"}, []string{ukg, "defense=1"})
		g := byID(s, "defense-USA-UKG")
		want := guarantee.Guarantee{ID: "defense-USA-UKG", Provider: "USA", Beneficiary: "UKG", Kind: "military/defense",
			Strength: guarantee.Treaty, Trigger: guarantee.AttackOn("UKG"), Sources: []string{"atop-4.01-9000-0"}}
		if d := cmp.Diff(want, g); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		if d := cmp.Diff([]guarantee.ID{"defense-USA-UKG", "defense-UKG-USA"}, ids(s)); d != "" {
			t.Errorf("a bilateral pact is each state's promise to the other (-want +got):\n%s", d)
		}
	})
	t.Run("defence against a specific adversary answers the named threats", func(t *testing.T) {
		s, _ := phase(t, []string{"statthr1=365", "statthr2=255"}, []string{usa, "defense=1", "defcoadv=1"}, []string{ukg, "defense=1", "defcoadv=1"})
		g := byID(s, "defense-USA-UKG")
		if got, want := g.Trigger.String(), "any(attack(RUS, UKG), attack(GMY, UKG))"; got != want {
			t.Errorf("trigger %s, want %s", got, want)
		}
		if actorOf(s, "RUS").Name != "Russia" || actorOf(s, "GMY").Name != "Germany" {
			t.Errorf("the named threats are actors with their names: %v", s.Actors)
		}
		s, _ = phase(t, []string{"statthr1=365"}, []string{usa, "defense=1", "defcoadv=1"}, []string{ukg, "defense=1", "defcoadv=1"})
		if g := byID(s, "defense-USA-UKG"); g.Trigger.String() != "attack(RUS, UKG)" || g.Target != "RUS" {
			t.Errorf("one threat: trigger %s, target %s; want attack(RUS, UKG) and RUS", g.Trigger, g.Target)
		}
	})
	t.Run("an adversary condition with no named threat is any attacker, said in the note", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1", "defcoadv=1"}, []string{ukg, "defense=1", "defcoadv=1"})
		g := byID(s, "defense-USA-UKG")
		if g.Trigger.String() != "attack(*, UKG)" || !strings.Contains(g.Note, "specific adversary") {
			t.Errorf("trigger %s, note %q", g.Trigger, g.Note)
		}
	})
	t.Run("neutrality against a specific adversary does not take the alliance's threats", func(t *testing.T) {
		s, _ := phase(t, []string{"statthr1=365"}, []string{usa, "neutral=1", "neucoadv=1"}, []string{ukg, "neutral=1", "neucoadv=1"})
		g := byID(s, "neutrality-USA-UKG")
		if g.Trigger.String() != "attack(*, UKG)" || g.Kind != "military/neutrality" || !strings.Contains(g.Note, "does not name") {
			t.Errorf("got %+v", g)
		}
	})
	t.Run("offence and non-aggression hold from the start; consultation is diplomatic", func(t *testing.T) {
		s, _ := phase(t, []string{"statthr1=365"}, []string{usa, "offense=1", "offcoadv=1", "nonagg=1", "consul=1"}, []string{ukg})
		if g := byID(s, "offense-USA-UKG"); g.Trigger.String() != "" || g.Target != "RUS" || g.Kind != "military/offense" {
			t.Errorf("offence: %+v", g)
		}
		if g := byID(s, "non-aggression-USA-UKG"); g.Trigger.String() != "" || g.Kind != "military/non-aggression" {
			t.Errorf("non-aggression: %+v", g)
		}
		if g := byID(s, "consultation-USA-UKG"); g.Trigger.String() != "attack(*, UKG)" || g.Kind != guarantee.Consultation {
			t.Errorf("consultation: %+v", g)
		}
		if len(s.Guarantees) != 3 {
			t.Errorf("only USA owes anything: %v", ids(s))
		}
	})
	t.Run("conditions Entente cannot test are kept in the note", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1", "defcoloc=1", "defconpr=1"}, []string{ukg})
		g := byID(s, "defense-USA-UKG")
		if !strings.Contains(g.Note, "defcoloc") || !strings.Contains(g.Note, "defconpr") {
			t.Errorf("note %q", g.Note)
		}
	})
	t.Run("three or more members with the same obligation share one provider", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1"}, []string{ukg, "defense=1"}, []string{frn, "defense=1"}, []string{gmy, "defense=1", "defcoloc=1"})
		if d := cmp.Diff([]guarantee.ID{
			"defense-ATOP9000-defense-1-USA", "defense-ATOP9000-defense-1-UKG", "defense-ATOP9000-defense-1-FRN", "defense-ATOP9000-defense-1-GMY",
			"defense-GMY-USA", "defense-GMY-UKG", "defense-GMY-FRN",
		}, ids(s)); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		c := actorOf(s, "ATOP9000-defense-1")
		if c.Kind != actor.Coalition || c.Rule() != actor.Separately || !slices.Equal(c.Members, []actor.ID{"USA", "UKG", "FRN"}) {
			t.Errorf("the group: %+v", c)
		}
		s, _ = phase(t, nil, []string{usa, "defense=1"}, []string{ukg, "defense=1"}, []string{frn, "defense=1"})
		if g := byID(s, "defense-FRN"); g.Provider != "ATOP9000-members" {
			t.Errorf("all members: provider %s, want ATOP9000-members", g.Provider)
		}
	})
	t.Run("the alliance is a body of its members that decides renewals by unanimity", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1"}, []string{ukg})
		a := actorOf(s, "ATOP9000")
		if a.Kind != actor.Alliance || a.Rule() != actor.Unanimity || !slices.Equal(a.Members, []actor.ID{"USA", "UKG"}) {
			t.Errorf("%+v", a)
		}
	})
	t.Run("a specified length with no renewal is a sunset", func(t *testing.T) {
		s, _ := phase(t, []string{"speclgth=1", "length=13"}, []string{usa, "defense=1"}, []string{ukg})
		if m := byID(s, "defense-USA-UKG").Mandate; m != (guarantee.Mandate{Ends: "1901-02-28"}) {
			t.Errorf("mandate %v, want a sunset on 1901-02-28 (31 January plus 13 months, clamped)", m)
		}
	})
	t.Run("a specified length with renewal is renewed by the alliance from the end of the first term", func(t *testing.T) {
		s, _ := phase(t, []string{"speclgth=1", "length=60", "proren=2", "renewlgt=36"}, []string{usa, "defense=1"}, []string{ukg})
		want := guarantee.RenewedBy("ATOP9000", guarantee.Months(36)).Starting("1902-01-31")
		if m := byID(s, "defense-USA-UKG").Mandate; m != want {
			t.Errorf("mandate %v, want %v", m, want)
		}
	})
	t.Run("renewal of no set length is renewed by the alliance at the renewal events", func(t *testing.T) {
		s, _ := phase(t, []string{"speclgth=1", "length=240", "proren=2"}, []string{usa, "defense=1"}, []string{ukg})
		if m := byID(s, "defense-USA-UKG").Mandate; m != guarantee.RenewedBy("ATOP9000", guarantee.Period{}) {
			t.Errorf("mandate %v", m)
		}
	})
	t.Run("until an event (speclgth 2) is no mandate, said in the description", func(t *testing.T) {
		s, _ := phase(t, []string{"speclgth=2"}, []string{usa, "defense=1"}, []string{ukg})
		if m := byID(s, "defense-USA-UKG").Mandate; !m.IsZero() || !strings.Contains(s.Description, "speclgth 2") {
			t.Errorf("mandate %v, description %q", m, s.Description)
		}
	})
	t.Run("a code the COW table lacks gets an ID that says so, and a warning", func(t *testing.T) {
		s, w := phase(t, nil, []string{usa, "defense=1"}, []string{"member=8152"})
		if actorOf(s, "COW8152").ID == "" || len(w) != 1 || !strings.Contains(w[0].Message, "8152") || w[0].Line != 3 {
			t.Errorf("actors %v, warnings %v", s.Actors, w)
		}
	})
	t.Run("two rows of one state in a phase are one member", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "defense=1", "yrexit=1901", "moexit=1", "dayexit=1"}, []string{usa, "nonagg=1", "yrent=1902"}, []string{ukg})
		if d := cmp.Diff([]guarantee.ID{"defense-USA-UKG", "non-aggression-USA-UKG"}, ids(s)); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		if n := actorOf(s, "USA").Note; !strings.Contains(n, "from 1900-01-31") || strings.Contains(n, " to ") {
			t.Errorf("note %q: want the earlier entry and no exit", n)
		}
	})
	t.Run("an unknown month or day is the first, and the phase starts at its earliest member", func(t *testing.T) {
		s, _ := phase(t, nil, []string{usa, "moent=0", "dayent="}, []string{ukg, "yrent=1899", "moent=6", "dayent=0"})
		if s.AsOf != "1899-06-01" {
			t.Errorf("as-of %s, want 1899-06-01", s.AsOf)
		}
	})
	t.Run("every element cites ATOP's version, atopid and phase", func(t *testing.T) {
		s, _ := phase(t, []string{"statthr1=365"}, []string{usa, "defense=1"}, []string{ukg, "defense=1"}, []string{frn, "defense=1"})
		for _, a := range s.Actors {
			if !slices.Contains(a.Sources, "atop-4.01-9000-0") {
				t.Errorf("actor %s cites %v", a.ID, a.Sources)
			}
		}
		for _, g := range s.Guarantees {
			if !slices.Equal(g.Sources, []string{"atop-4.01-9000-0"}) {
				t.Errorf("guarantee %s cites %v", g.ID, g.Sources)
			}
		}
		if s.Sources[0].Title != "ATOP 4.01, atopid 9000, phase 0" {
			t.Errorf("source %+v", s.Sources[0])
		}
		info, err := atop.InfoOf(s)
		if err != nil || info != (atop.Info{Version: "4.01", Alliance: 9000, Begin: atop.Date{Year: 1900, Month: 1, Day: 31}, Members: 3}) {
			t.Errorf("InfoOf: %+v, %v", info, err)
		}
	})
	_ = rus
}

// TestLayouts reads a byte order mark, CRLF line ends, columns in another
// order with extra ones (as 5.x has), and a header in capitals.
func TestLayouts(t *testing.T) {
	a := "\ufeffVERSION,extra,atopid,begyr,begmo,begday,endyr,endmo,endday,speclgth,length,proren,renewlgt,statthr1,statthr2\r\n" +
		"5.1,x,7,1950,2,3,0,0,0,0,0,0,0,,\r\n"
	m := "\ufeffatopid,member,phase,yrent,moent,dayent,yrexit,moexit,dayexit,defense,offense,neutral,nonagg,consul,newcolumn\r\n" +
		"7,2,0,1950,2,3,0,0,0,1,0,0,0,0,x\r\n7,20,0,1950,2,3,0,0,0,1,0,0,0,0,y\r\n"
	r, err := atop.Read("a.csv", strings.NewReader(a), "m.csv", strings.NewReader(m))
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != "5.1" || len(r.Phases()) != 1 {
		t.Fatalf("version %q, phases %d", r.Version, len(r.Phases()))
	}
	s, _ := r.Phases()[0].Scenario()
	if d := cmp.Diff([]guarantee.ID{"defense-USA-CAN", "defense-CAN-USA"}, ids(s)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestBadInput: every problem is an *atop.Error naming the file, line,
// column and field, and nothing is read.
func TestBadInput(t *testing.T) {
	goodA := aHeader + "\n" + row(aHeader, aDefault) + "\n"
	goodM := mHeader + "\n" + row(mHeader, mDefault, "member=2") + "\n"
	cases := []struct {
		name, reason string
		a, m         string
		want         string
		is           error
	}{
		{"missing column", "a column the reading needs", strings.Replace(goodA, "renewlgt", "renewal", 1), goodM,
			"a.csv:1:1: renewlgt: missing column: a.csv has no column renewlgt; is this an ATOP alliance file (atop*a.csv)?", atop.ErrColumn},
		{"not a number", "a code must be a whole number", goodA, strings.Replace(goodM, "\n9000,2,", "\n9000,US,", 1),
			`m.csv:2:6: member: not a whole number: "US"`, atop.ErrNumber},
		{"unknown alliance", "a member row of an atopid the alliance file lacks", goodA, goodM + row(mHeader, mDefault, "atopid=9001", "member=20") + "\n",
			"m.csv:3:1: atopid: member of an alliance the alliance file does not have: atopid 9001 is not in a.csv", atop.ErrUnknown},
		{"alliance without members", "an alliance row no member row names", goodA + row(aHeader, aDefault, "atopid=9001") + "\n", goodM,
			"a.csv:3:1: atopid: alliance with no members: atopid 9001 has no rows in m.csv", atop.ErrNoMembers},
		{"duplicate alliance", "one row per alliance", goodA + row(aHeader, aDefault) + "\n", goodM,
			"a.csv:3:1: atopid: alliance already read: atopid 9000 is already on line 2", atop.ErrDuplicate},
		{"truncated last line", "a download cut short", goodA, goodM + "9000,20,0,19",
			"m.csv:3:1: malformed CSV: wrong number of fields: the line is cut short or has extra cells", atop.ErrSyntax},
		{"truncated in a quote", "a download cut inside a quoted cell", goodA, goodM + "9000,\"20",
			`m.csv:3:9: malformed CSV: extraneous or missing " in quoted-field`, atop.ErrSyntax},
		{"empty file", "nothing at all", "", goodM, "a.csv:1:1: empty file: no header line", atop.ErrEmpty},
		{"another dataset", "the COW state list given as the member file", goodA, "stateabb,ccode,statenme,styear\nUSA,2,United States of America,1816\n",
			"m.csv:1:1: atopid: missing column: m.csv has no column atopid, member, phase, yrent, moent, dayent, yrexit, moexit, dayexit, defense, offense, neutral, nonagg, consul; is this an ATOP member file (atop*m.csv)?", atop.ErrColumn},
		{"files swapped", "the member file given as the alliance file", goodM, goodA,
			"a.csv:1:1: begyr: missing column: a.csv has no column begyr, begmo, begday, endyr, endmo, endday, speclgth, length, proren, renewlgt, statthr1, statthr2; is this an ATOP alliance file (atop*a.csv)?", atop.ErrColumn},
		{"length out of range", "more than a century", strings.Replace(goodA, "\n9000,1900,1,31,0,0,0,0,0,", "\n9000,1900,1,31,0,0,0,1,5000,", 1), goodM,
			"a.csv:2:24: length: want a number from 0 to 1200, found 5000", nil},
		{"month out of range", "a month is 0 to 12", goodA, strings.Replace(goodM, "\n9000,2,0,1900,1,", "\n9000,2,0,1900,13,", 1),
			"m.csv:2:15: moent: want a number from 0 to 12, found 13", nil},
		{"negative phase", "a phase from 0: atop-9000--1.yaml could not be read back", goodA, strings.Replace(goodM, "\n9000,2,0,", "\n9000,2,-1,", 1),
			"m.csv:2:8: phase: want a number from 0 to 999, found -1", nil},
		{"negative atopid", "an alliance needs an ID", strings.Replace(goodA, "\n9000,", "\n-3,", 1), goodM,
			`a.csv:2:1: atopid: an alliance needs a positive atopid, found "-3"`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := atop.Read("a.csv", strings.NewReader(tc.a), "m.csv", strings.NewReader(tc.m))
			if r != nil {
				t.Errorf("%s: a record came back with the error", tc.reason)
			}
			if err == nil {
				t.Fatalf("%s: no error", tc.reason)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("%s:\n got %s\nwant %s", tc.reason, got, tc.want)
			}
			if _, ok := errors.AsType[*atop.Error](err); !ok {
				t.Errorf("%s: %T is not an *atop.Error", tc.reason, err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%s: not errors.Is %v", tc.reason, tc.is)
			}
		})
	}
}

// TestLimits: a phase of more than MaxMembers members, and a file larger
// than MaxSize, are errors at the line and column where the reading
// stops, before a check can take minutes and gigabytes (a phase of 1,500
// members of one coding took 22 s and 558 MB under unanimity).
func TestLimits(t *testing.T) {
	goodA := aHeader + "\n" + row(aHeader, aDefault) + "\n"
	var m strings.Builder
	m.WriteString(mHeader + "\n")
	for i := range atop.MaxMembers + 1 {
		m.WriteString(row(mHeader, mDefault, fmt.Sprintf("member=%d", 1000+i), "defense=1") + "\n")
	}
	_, err := atop.Read("a.csv", strings.NewReader(goodA), "m.csv", strings.NewReader(m.String()))
	want := fmt.Sprintf("m.csv:%d:6: member: too many members: atopid 9000 phase 0 has more than %d members (ATOP's largest alliances have about 60)", atop.MaxMembers+2, atop.MaxMembers)
	if err == nil || err.Error() != want || !errors.Is(err, atop.ErrTooMany) {
		t.Errorf("members:\n got %v\nwant %s", err, want)
	}
	// One member fewer reads.
	cut := strings.Join(strings.Split(m.String(), "\n")[:atop.MaxMembers+1], "\n") + "\n"
	if _, err := atop.Read("a.csv", strings.NewReader(goodA), "m.csv", strings.NewReader(cut)); err != nil {
		t.Errorf("%d members: %v", atop.MaxMembers, err)
	}

	max := int64(len(cut))
	opts := atop.Options{MaxSize: max}
	if _, err := opts.Read("a.csv", strings.NewReader(goodA), "m.csv", strings.NewReader(cut)); err != nil {
		t.Errorf("a file of exactly MaxSize bytes: %v", err)
	}
	_, err = opts.Read("a.csv", strings.NewReader(goodA), "m.csv", strings.NewReader(m.String()))
	if e, ok := errors.AsType[*atop.Error](err); !ok || !errors.Is(err, atop.ErrTooLarge) || e.File != "m.csv" || e.Line < 2 || e.Column != 1 ||
		!strings.Contains(err.Error(), "--max-size") {
		t.Errorf("a reader past MaxSize: %v", err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"atop9a.csv": goodA, "atop9m.csv": m.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = opts.ReadDir(dir)
	want = fmt.Sprintf("%s:1:1: file too large: %d bytes; the limit is %d bytes (raise it with --max-size, or Options.MaxSize)", filepath.Join(dir, "atop9m.csv"), m.Len(), max)
	if err == nil || err.Error() != want {
		t.Errorf("a file past MaxSize:\n got %v\nwant %s", err, want)
	}
}

// TestUnknownThreat: a named threat whose code the COW table lacks is an
// actor whose ID says so, and a warning at the alliance row.
func TestUnknownThreat(t *testing.T) {
	s, w := phase(t, []string{"statthr1=8152"}, []string{"member=2", "defense=1", "defcoadv=1"}, []string{"member=200"})
	if g := byID(s, "defense-USA-UKG"); g.Trigger.String() != "attack(COW8152, UKG)" {
		t.Errorf("trigger %s", g.Trigger)
	}
	if len(w) != 1 || w[0].Field != "statthr" || w[0].Line != 2 {
		t.Errorf("warnings %v", w)
	}
}

// TestTermsPerPhase reads an alliance whose member file gives each phase
// its own terms, as 4.01's does, shaped on the Triple Alliance: the
// alliance row holds the last phase's terms (six years, renewed every
// six); the first two phases are five-year terms without renewal; the
// third, from 1891, brought the six-year terms; a fourth, with the same
// terms, begins while the third's term runs, and a fifth after it ran
// out. A member file without
// the term columns leaves every phase with the alliance row's.
func TestTermsPerPhase(t *testing.T) {
	a := aHeader + "\n" + row(aHeader, aDefault, "atopid=1350", "begyr=1882", "begmo=5", "begday=20",
		"speclgth=1", "length=72", "proren=2", "renewlgt=72", "statthr1=220") + "\n"
	terms := "speclgth,length,proren,renewlgt,statthr1,statthr2"
	header := mHeader + "," + terms
	var m strings.Builder
	m.WriteString(header + "\n")
	for _, ph := range []struct{ phase, yr, mo, day, terms string }{
		{"1", "1882", "5", "20", "speclgth=1 length=60 proren=0 renewlgt=0 statthr1=220"},
		{"2", "1887", "2", "20", "speclgth=1 length=60 proren=0 renewlgt=0 statthr1=220"},
		{"3", "1891", "5", "6", "speclgth=1 length=72 proren=2 renewlgt=72 statthr1=220"},
		{"4", "1893", "1", "1", "speclgth=1 length=72 proren=2 renewlgt=72 statthr1=220"},
		{"5", "1913", "8", "2", "speclgth=1 length=72 proren=2 renewlgt=72 statthr1=0"},
	} {
		for _, member := range []string{"255", "300"} {
			cells := append([]string{"atopid=1350", "member=" + member, "phase=" + ph.phase, "yrent=" + ph.yr, "moent=" + ph.mo, "dayent=" + ph.day, "defense=1"},
				strings.Fields(ph.terms)...)
			m.WriteString(row(header, mDefault, cells...) + "\n")
		}
	}
	r, err := atop.Read("a.csv", strings.NewReader(a), "m.csv", strings.NewReader(m.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		mandate guarantee.Mandate
		threats []int
		why     string
	}{
		{guarantee.Mandate{Ends: "1887-05-20"}, []int{220}, "the phase's own five years, no renewal: a sunset, not the alliance row's renewal"},
		{guarantee.Mandate{Ends: "1887-05-20"}, []int{220}, "the same terms, still running when the phase begins: counted from 1882"},
		{guarantee.RenewedBy("ATOP1350", guarantee.Months(72)).Starting("1891-05-06"), []int{220}, "new terms: six years from the phase's start"},
		{guarantee.RenewedBy("ATOP1350", guarantee.Months(72)).Starting("1891-05-06"), []int{220}, "the same terms while the term of 1891 runs: counted from 1891, not from 1882"},
		{guarantee.RenewedBy("ATOP1350", guarantee.Months(72)).Starting("1913-08-02"), nil, "the term of 1891 ran out in 1897: counted from the phase; and no threat named"},
	}
	phases := r.Phases()
	if len(phases) != len(want) {
		t.Fatalf("%d phases, want %d", len(phases), len(want))
	}
	for i, p := range phases {
		s, _ := p.Scenario()
		g := byID(s, "defense-GMY-AUH")
		if g.Mandate != want[i].mandate {
			t.Errorf("phase %d: mandate %v, want %v (%s)", p.Number, g.Mandate, want[i].mandate, want[i].why)
		}
		if !slices.Equal(p.Alliance.Threats, want[i].threats) {
			t.Errorf("phase %d: threats %v, want %v", p.Number, p.Alliance.Threats, want[i].threats)
		}
	}

	// Without the term columns, the alliance row's terms hold throughout.
	m.Reset()
	m.WriteString(mHeader + "\n")
	m.WriteString(row(mHeader, mDefault, "atopid=1350", "member=255", "phase=1", "yrent=1882", "moent=5", "dayent=20", "defense=1") + "\n")
	m.WriteString(row(mHeader, mDefault, "atopid=1350", "member=300", "phase=1", "yrent=1882", "moent=5", "dayent=20") + "\n")
	r, err = atop.Read("a.csv", strings.NewReader(a), "m.csv", strings.NewReader(m.String()))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := r.Phases()[0].Scenario()
	if g, w := byID(s, "defense-GMY-AUH"), guarantee.RenewedBy("ATOP1350", guarantee.Months(72)).Starting("1882-05-20"); g.Mandate != w {
		t.Errorf("without term columns: mandate %v, want the alliance row's %v", g.Mandate, w)
	}
}

// owed returns the trigger of the guarantee of kind that member m owes b,
// by itself or through a coalition it is in, and whether there is one.
func owed(s scenario.Scenario, kind guarantee.Kind, m, b actor.ID) (string, bool) {
	for _, g := range s.Guarantees {
		if g.Kind != kind || g.Beneficiary != b {
			continue
		}
		if g.Provider == m || slices.Contains(actorOf(s, g.Provider).Members, m) && actorOf(s, g.Provider).Kind == actor.Coalition {
			return g.Trigger.String(), true
		}
	}
	return "", false
}

// TestGroupingKeepsAnswers is the reviewer's case: grouping members under
// one provider only keeps the file readable, so what each member owes each
// partner, and what the what-ifs find, must not depend on how many members
// there are. Two members (USA, UKG), both the named threats, each defending
// the other against a specific adversary: neither owes anything it could
// answer, and the obligation must not widen to any attacker. A third
// member (FRN) owes both a defence against the other, and under unanimity
// that other holds a veto over it.
func TestGroupingKeepsAnswers(t *testing.T) {
	usa, ukg, frn, gmy, ita := "member=2", "member=200", "member=220", "member=255", "member=325"
	threats := []string{"statthr1=2", "statthr2=200"}
	def := []string{"defense=1", "defcoadv=1"}
	two, _ := phase(t, threats, append([]string{usa}, def...), append([]string{ukg}, def...))
	three, _ := phase(t, threats, append([]string{usa}, def...), append([]string{ukg}, def...), append([]string{frn}, def...))
	five, _ := phase(t, threats, append([]string{usa}, def...), append([]string{ukg}, def...), append([]string{frn}, def...), append([]string{gmy}, def...), append([]string{ita}, def...))
	if g := byID(five, "defense-ATOP9000-defense-1-USA"); g.Provider == "" || !slices.Equal(actorOf(five, g.Provider).Members, []actor.ID{"FRN", "GMY", "ITA"}) {
		t.Errorf("five members: the three that are no threat share one provider: %v", ids(five))
	}
	for _, g := range two.Guarantees {
		t.Errorf("two members: %s with trigger %s: every named threat is the provider or the beneficiary, so nothing is owed", g.ID, g.Trigger)
	}
	if !strings.Contains(two.Description, "Left out") || !strings.Contains(two.Description, "the defence of UKG by USA") {
		t.Errorf("two members: the description does not say what is left out: %q", two.Description)
	}
	// What each member owes each partner: the named threats but the
	// member itself and the partner, the same with two members, three or five,
	// grouped or not.
	for _, c := range []struct {
		reason  string
		s       scenario.Scenario
		members []actor.ID
	}{
		{"two members", two, []actor.ID{"USA", "UKG"}},
		{"three members", three, []actor.ID{"USA", "UKG", "FRN"}},
		{"five members, FRN, GMY and ITA grouped", five, []actor.ID{"USA", "UKG", "FRN", "GMY", "ITA"}},
	} {
		for _, m := range c.members {
			for _, b := range c.members {
				if m == b {
					continue
				}
				var want []string
				for _, x := range []actor.ID{"USA", "UKG"} {
					if x != m && x != b {
						want = append(want, "attack("+string(x)+", "+string(b)+")")
					}
				}
				got, ok := owed(c.s, atop.Defense.Kind(), m, b)
				switch {
				case len(want) == 0 && ok:
					t.Errorf("%s: %s owes %s a defence on %s; want none", c.reason, m, b, got)
				case len(want) == 1 && got != want[0]:
					t.Errorf("%s: %s owes %s a defence on %q; want %s", c.reason, m, b, got, want[0])
				}
			}
		}
	}
	for _, c := range []struct {
		reason string
		s      scenario.Scenario
		want   []scenario.Code
	}{
		{"two members", two, nil},
		{"three members", three, []scenario.Code{scenario.CapturedGuarantee, scenario.NoMilitaryResponse}},
	} {
		rep, err := scenario.Evaluate(atop.Unanimity.Apply(c.s))
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range []scenario.Code{scenario.CapturedGuarantee, scenario.NoMilitaryResponse, scenario.InsiderVeto} {
			if got, want := rep.Has(code), slices.Contains(c.want, code); got != want {
				t.Errorf("%s under unanimity: %s %v, want %v", c.reason, code, got, want)
			}
		}
	}
}

// TestApplyFindsTheAllianceByID: a researcher who adds a body of their own
// before ATOPn (here a council of two members) must see the what-if
// rewrite ATOPn, the alliance the ATOP source cites, and leave theirs be.
func TestApplyFindsTheAllianceByID(t *testing.T) {
	s, _ := phase(t, nil, []string{"member=2", "defense=1"}, []string{"member=200", "defense=1"})
	council := actor.Actor{ID: "COUNCIL", Name: "a council the researcher adds", Kind: actor.Alliance, Members: []actor.ID{"USA", "UKG"}, Decides: actor.Unanimity}
	s.Actors = append([]actor.Actor{council}, s.Actors...)
	if err := scenario.Validate(s); err != nil {
		t.Fatal(err)
	}
	got := atop.Majority.Apply(s)
	if a := actorOf(got, "ATOP9000"); a.Decides != actor.Majority {
		t.Errorf("ATOP9000 decides %s, want majority", a.Decides)
	}
	if d := cmp.Diff(council, actorOf(got, "COUNCIL")); d != "" {
		t.Errorf("the researcher's body changed (-want +got):\n%s", d)
	}
	for _, g := range got.Guarantees {
		if g.Activation.String() != "body(ATOP9000)" {
			t.Errorf("%s: activation %s, want body(ATOP9000)", g.ID, g.Activation)
		}
	}
	if d := cmp.Diff(council, actorOf(s, "COUNCIL")); d != "" || actorOf(s, "ATOP9000").Decides != actor.Unanimity {
		t.Errorf("Apply changed its argument")
	}
}

// TestWritersWantTheRulesChecked checks that the writers refuse results
// checked under other rules than they are asked to lay out, instead of
// panicking or writing rows that do not fit the header, and that Check
// refuses a rule it does not know.
func TestWritersWantTheRulesChecked(t *testing.T) {
	r := twoMembers(t)
	res, err := atop.Check(t.Context(), r.Phases(), atop.AsCoded)
	if err != nil {
		t.Fatal(err)
	}
	writers := map[string]func(io.Writer, []atop.Result, []atop.Rule) error{
		"WriteCSV": atop.WriteCSV, "WriteSummary": atop.WriteSummary, "WriteSVG": atop.WriteSVG, "WriteHTML": atop.WriteHTML,
	}
	for name, write := range writers {
		for _, rules := range [][]atop.Rule{{atop.AsCoded, atop.Unanimity}, {atop.Unanimity}} {
			var b strings.Builder
			err := write(&b, res, rules)
			if err == nil || !strings.Contains(err.Error(), "atopid 9000 phase 0 was checked under [as-coded]") {
				t.Errorf("%s under %v: %v; want an error naming the rules checked", name, rules, err)
			}
		}
		var b, none strings.Builder
		if err := write(&b, res, []atop.Rule{atop.AsCoded}); err != nil {
			t.Errorf("%s under the rules checked: %v", name, err)
		}
		if err := write(&none, res, nil); err != nil || none.String() != b.String() {
			t.Errorf("%s under no rules: %v; want what it writes under AsCoded, as Check takes no rules", name, err)
		}
	}
	sums := atop.Summarize(res, []atop.Rule{atop.Unanimity, atop.AsCoded})
	if len(sums) != 2 || len(sums[0].Codes) != 0 || sums[1].Rule != atop.AsCoded {
		t.Errorf("Summarize under a rule not checked: %+v; want nothing counted under it", sums)
	}
	if _, err := atop.Check(t.Context(), r.Phases(), atop.Rule(99)); err == nil || !strings.Contains(err.Error(), "unknown rule Rule(99)") {
		t.Errorf("Check under Rule(99): %v; want an error", err)
	}
}

// TestSVGCitesTheData: the picture of the record cites the data, as the
// text and the HTML do.
func TestSVGCitesTheData(t *testing.T) {
	var b strings.Builder
	if err := atop.WriteSVG(&b, nil, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">Data: Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, atopdata.org.</text>") {
		t.Errorf("the SVG does not cite ATOP:\n%s", b.String())
	}
}

// TestCountsInWords: the summary and the HTML page count one alliance and
// one phase in the singular, and more in the plural.
func TestCountsInWords(t *testing.T) {
	r := twoMembers(t)
	one, err := atop.Check(t.Context(), r.Phases())
	if err != nil {
		t.Fatal(err)
	}
	two := append(slices.Clone(one), one...)
	two[1].Info.Alliance++
	for _, tc := range []struct {
		results []atop.Result
		want    string
	}{
		{one, "1 alliance, 1 alliance phase,"},
		{two, "2 alliances, 2 alliance phases,"},
	} {
		for name, write := range map[string]func(io.Writer, []atop.Result, []atop.Rule) error{"WriteSummary": atop.WriteSummary, "WriteHTML": atop.WriteHTML} {
			var b strings.Builder
			if err := write(&b, tc.results, nil); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("%s of %d results: no %q in\n%.300s", name, len(tc.results), tc.want, b.String())
			}
		}
	}
}

// twoMembers reads a record of one alliance of two members, each with a
// defence obligation.
func twoMembers(t *testing.T) *atop.Record {
	t.Helper()
	a := aHeader + "\n" + row(aHeader, aDefault) + "\n"
	m := mHeader + "\n" + row(mHeader, mDefault, "member=2", "defense=1") + "\n" + row(mHeader, mDefault, "member=200", "defense=1") + "\n"
	r, err := atop.Read("a.csv", strings.NewReader(a), "m.csv", strings.NewReader(m))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
