package sweep_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/testkit"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/sweep"
	"github.com/entente-go/entente/walk"
)

// likely sets the likelihood of the seed's element named by id (a
// guarantee or a position) and returns the scenario.
func likely(t *testing.T, s scenario.Scenario, p float64, ids ...string) scenario.Scenario {
	t.Helper()
	s.Guarantees = slices.Clone(s.Guarantees)
	s.Positions = slices.Clone(s.Positions)
	for _, id := range ids {
		i := slices.IndexFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return string(g.ID) == id })
		j := slices.IndexFunc(s.Positions, func(q scenario.Position) bool { return q.ID == id })
		switch {
		case i >= 0:
			s.Guarantees[i].Likelihood = new(p)
		case j >= 0:
			s.Positions[j].Likelihood = new(p)
		default:
			t.Fatalf("no guarantee or position %q", id)
		}
	}
	return s
}

// certain returns the seed with no likelihoods.
func certain() scenario.Scenario {
	s := examples.Ukraine2025()
	s.Guarantees, s.Positions, s.Vetoes = slices.Clone(s.Guarantees), slices.Clone(s.Positions), slices.Clone(s.Vetoes)
	for i := range s.Guarantees {
		s.Guarantees[i].Likelihood = nil
	}
	for i := range s.Positions {
		s.Positions[i].Likelihood = nil
	}
	for i := range s.Vetoes {
		s.Vetoes[i].Likelihood = nil
	}
	return s
}

func sweepOf(t *testing.T, s scenario.Scenario, opts sweep.Options) sweep.Result {
	t.Helper()
	r, err := sweep.Run(context.Background(), s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Complete || r.Samples != r.Requested {
		t.Fatalf("sweep incomplete: %d of %d samples", r.Samples, r.Requested)
	}
	return r
}

// TestSweepCertain: when every likelihood is 0 or 1, every sample is the
// scenario less its elements of likelihood 0, and the sweep agrees exactly
// with Evaluate, Search and Simulate on that scenario: every probability
// is 0 or 1, and each is 1 exactly when the function says so.
func TestSweepCertain(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	cases := []scenario.Scenario{certain()}
	for range 60 {
		cases = append(cases, testkit.Generate(r.Uint64(), testkit.RandomShape(r)))
	}
	for n, s := range cases {
		// Likelihoods of 0 and 1 at random; what has 0 is left out.
		var without []scenario.Edit
		for i := range s.Guarantees {
			switch r.IntN(4) {
			case 0:
				s.Guarantees[i].Likelihood = new(0.0)
				without = append(without, scenario.Without{ID: string(s.Guarantees[i].ID)})
			case 1:
				s.Guarantees[i].Likelihood = new(1.0)
			}
		}
		var dropped []int
		for i := range s.Positions {
			switch r.IntN(4) {
			case 0:
				s.Positions[i].Likelihood = new(0.0)
				dropped = append(dropped, i)
			case 1:
				s.Positions[i].Likelihood = new(1.0)
			}
		}
		want := s
		want.Positions = nil
		for i, p := range s.Positions {
			if !slices.Contains(dropped, i) {
				want.Positions = append(want.Positions, p)
			}
		}
		want.Vetoes = nil
		for i := range s.Vetoes {
			if r.IntN(3) == 0 {
				s.Vetoes[i].Likelihood = new(0.0)
			} else {
				want.Vetoes = append(want.Vetoes, s.Vetoes[i])
			}
		}
		want, err := want.With(without...)
		if err != nil {
			t.Fatal(err)
		}
		got := sweepOf(t, s, sweep.Options{Samples: 40, Seed: uint64(n), Search: true, Walk: true})
		if len(got.Uncertain) != 0 || len(got.Sensitivity) != 0 {
			t.Errorf("case %d: uncertain %v, sensitivity %v; want none", n, got.Uncertain, got.Sensitivity)
		}
		rep, err := scenario.Evaluate(want)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compatible.P != b2f(rep.Verdict == scenario.Compatible) {
			t.Errorf("case %d: compatible %v; Evaluate says %v", n, got.Compatible, rep.Verdict)
		}
		wantFindings := map[string]bool{}
		for _, f := range rep.Findings {
			wantFindings[f.String()] = true
		}
		for _, f := range got.Findings {
			if f.P != 1 || !wantFindings[f.Finding.String()] {
				t.Errorf("case %d: finding %q with p %v; Evaluate has it: %v", n, f.Finding, f.P, wantFindings[f.Finding.String()])
			}
			delete(wantFindings, f.Finding.String())
		}
		for f := range wantFindings {
			t.Errorf("case %d: sweep lacks finding %q", n, f)
		}
		errs := 0
		for _, f := range rep.Findings {
			if f.Severity == scenario.Error {
				errs++
			}
		}
		if got.Errors.Mean != float64(errs) || got.Errors.StdDev != 0 || got.Errors.Quartiles != [3]float64{float64(errs), float64(errs), float64(errs)} {
			t.Errorf("case %d: errors %+v; Evaluate has %d", n, got.Errors, errs)
		}

		sr, err := deals.Search(context.Background(), want, deals.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Deal.P != b2f(sr.Feasible) {
			t.Errorf("case %d: deal %v; Search says feasible %v", n, got.Deal, sr.Feasible)
		}
		largest := 0
		if len(sr.Maximal) > 0 {
			largest = len(sr.Maximal[0].Guarantees)
		}
		if got.Largest.Mean != float64(largest) {
			t.Errorf("case %d: largest package %v; Search's has %d offers", n, got.Largest.Mean, largest)
		}
		for _, o := range got.Offers {
			if o.Forced.P != b2f(slices.Contains(sr.Forced, o.Guarantee)) || o.Dead.P != b2f(slices.Contains(sr.Dead, o.Guarantee)) {
				t.Errorf("case %d: offer %s forced %v dead %v; Search: forced %v dead %v", n, o.Guarantee, o.Forced.P, o.Dead.P, sr.Forced, sr.Dead)
			}
		}

		sim, err := walk.Simulate(want)
		if err != nil {
			t.Fatal(err)
		}
		var simReceives, sweepReceives []string
		for i, st := range sim.Steps {
			for _, rc := range st.Receives {
				simReceives = append(simReceives, st.Event.String()+" "+string(rc.Beneficiary)+" "+string(rc.Kind)+" "+string(rune('0'+i)))
			}
		}
		for _, rc := range got.Receives {
			if rc.P != 1 {
				t.Errorf("case %d: receipt %+v with p %v", n, rc, rc.P)
			}
			sweepReceives = append(sweepReceives, rc.Event+" "+rc.Beneficiary+" "+string(rc.Kind)+" "+string(rune('0'+rc.Step-1)))
		}
		slices.Sort(simReceives)
		slices.Sort(sweepReceives)
		if !slices.Equal(simReceives, sweepReceives) {
			t.Errorf("case %d: receipts\n%v\nSimulate's\n%v", n, sweepReceives, simReceives)
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestSweepOnePosition: with one uncertain position of likelihood p, the
// exact chance of a compatible scenario is p·c1 + (1-p)·c0, where c1 and
// c0 say whether the scenario with and without the position is
// compatible. A seeded sweep's interval must hold it.
func TestSweepOnePosition(t *testing.T) {
	base := certain()
	with, err := scenario.Evaluate(base)
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := base.With(scenario.Without{ID: "ru-demands-veto"})
	if err != nil {
		t.Fatal(err)
	}
	without, err := scenario.Evaluate(dropped)
	if err != nil {
		t.Fatal(err)
	}
	c1, c0 := b2f(with.Verdict == scenario.Compatible), b2f(without.Verdict == scenario.Compatible)
	if c1 == c0 {
		t.Fatalf("the seed's veto demand should decide compatibility: with it %v, without %v", with.Verdict, without.Verdict)
	}
	for _, p := range []float64{0.1, 0.35, 0.8} {
		s := likely(t, base, p, "ru-demands-veto")
		r := sweepOf(t, s, sweep.Options{Samples: 20000, Seed: 42})
		exact := p*c1 + (1-p)*c0
		if exact < r.Compatible.Low || exact > r.Compatible.High {
			t.Errorf("p %v: compatible %v; the exact value %v is outside", p, r.Compatible, exact)
		}
		if r.Compatible.High-r.Compatible.Low > 0.02 {
			t.Errorf("p %v: interval %v too wide for 20,000 samples", p, r.Compatible)
		}
		// The veto-conflict finding fires exactly when the demand holds.
		var vc *sweep.CodeEstimate
		for i := range r.Codes {
			if r.Codes[i].Code == scenario.VetoConflict {
				vc = &r.Codes[i]
			}
		}
		if vc == nil || vc.Count+r.Compatible.Count != r.Samples {
			t.Errorf("p %v: veto-conflict %v and compatible %v should split the samples", p, vc, r.Compatible)
		}
		if len(r.Sensitivity) != 1 || r.Sensitivity[0].Effect != c1-c0 {
			t.Errorf("p %v: sensitivity %+v; want one element of effect %v", p, r.Sensitivity, c1-c0)
		}
	}
}

// TestSweepSensitivity: the element that decides compatibility ranks
// first, with its whole effect; one that changes nothing comes after, with
// an effect near 0.
func TestSweepSensitivity(t *testing.T) {
	s := likely(t, certain(), 0.5, "willing-financial", "ru-demands-veto")
	r := sweepOf(t, s, sweep.Options{Samples: 4000, Seed: 1})
	if len(r.Sensitivity) != 2 {
		t.Fatalf("sensitivity %+v; want two elements", r.Sensitivity)
	}
	first, second := r.Sensitivity[0], r.Sensitivity[1]
	if first.Element != "position ru-demands-veto" || first.Effect != -1 || first.Holds.P != 0 || first.Fails.P != 1 {
		t.Errorf("first %+v; want the veto demand, effect -1", first)
	}
	if second.Element != "guarantee willing-financial" || math.Abs(second.Effect) > 0.05 {
		t.Errorf("second %+v; want willing-financial, effect near 0", second)
	}
	if second.Holds.Trials+second.Fails.Trials != r.Samples {
		t.Errorf("second's trials %d + %d; want %d", second.Holds.Trials, second.Fails.Trials, r.Samples)
	}
}

// TestSweepReproducible: the same seed gives the same JSON, byte for
// byte, on 1 and 2 cores, with any number of workers, and whether or not
// workers remember the samples they have seen; another seed gives other
// figures.
func TestSweepReproducible(t *testing.T) {
	s := likely(t, certain(), 0.6, "us-air-support", "turkey-black-sea", "us-no-ground-troops", "ru-demands-veto", "ua-rejects-ru-veto")
	s = likely(t, s, 0.3, "us-intelligence", "european-force")
	opts := sweep.Options{Samples: 3000, Seed: 7, Search: true, Walk: true}
	run := func(o sweep.Options) []byte {
		t.Helper()
		r := sweepOf(t, s, o)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := run(opts)
	runtime.GOMAXPROCS(2)
	if two := run(opts); !bytes.Equal(one, two) {
		t.Errorf("GOMAXPROCS 1 and 2 differ:\n%s\n%s", one, two)
	}
	for _, w := range []int{1, 3, 7} {
		o := opts
		o.Workers = w
		if got := run(o); !bytes.Equal(one, got) {
			t.Errorf("%d workers differ from GOMAXPROCS 1", w)
		}
	}
	restore := sweep.SetCache(0)
	every := run(opts)
	restore()
	if !bytes.Equal(one, every) {
		t.Errorf("evaluating every sample differs from evaluating each distinct sample once:\n%s\n%s", one, every)
	}
	o := opts
	o.Seed = 8
	if other := run(o); bytes.Equal(one, other) {
		t.Errorf("seeds 7 and 8 give the same sweep")
	}
}

// TestSweepStopped: a context that is done stops the sweep, with a result
// that says how many samples it holds.
func TestSweepStopped(t *testing.T) {
	s := likely(t, certain(), 0.5, "us-air-support", "ru-demands-veto")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := sweep.Run(ctx, s, sweep.Options{Samples: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if r.Complete || r.Samples != 0 || r.Requested != 1000 || r.Compatible != (sweep.Estimate{Low: 0, High: 1}) {
		t.Errorf("cancelled before it began: %+v", r)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var reported []int
	r, err = sweep.Run(ctx, s, sweep.Options{Samples: 100000, Workers: 1, Progress: func(done int) {
		reported = append(reported, done)
		if done >= 1024 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Complete || r.Samples < 1024 || r.Samples >= 100000 || r.Compatible.Trials != r.Samples {
		t.Errorf("cancelled midway: complete %v, %d samples, compatible %v", r.Complete, r.Samples, r.Compatible)
	}
	if len(reported) == 0 || !slices.IsSorted(reported) {
		t.Errorf("progress reports %v; want a rising count", reported)
	}
}

func TestSweepBadInput(t *testing.T) {
	s := certain()
	for _, n := range []int{-1, sweep.MaxSamples + 1} {
		if _, err := sweep.Run(context.Background(), s, sweep.Options{Samples: n}); !errors.Is(err, sweep.ErrSamples) {
			t.Errorf("%d samples: error %v; want ErrSamples", n, err)
		}
	}
	for _, p := range []float64{-0.1, 1.5, math.NaN(), math.Inf(1)} {
		bad := likely(t, s, p, "ru-demands-veto")
		_, err := sweep.Run(context.Background(), bad, sweep.Options{Samples: 10})
		var es scenario.Errors
		if !errors.As(err, &es) || len(es) != 1 || es[0].Path != "positions[3].likelihood" || !errors.Is(err, guarantee.ErrLikelihood) {
			t.Errorf("likelihood %v: error %v; want one at positions[3].likelihood", p, err)
		}
	}
	// More workers than samples, even absurdly many, is one worker per sample.
	if r, err := sweep.Run(context.Background(), likely(t, s, 0.5, "ru-demands-veto"), sweep.Options{Samples: 3, Workers: 1 << 61}); err != nil || r.Samples != 3 {
		t.Errorf("1<<61 workers: %d samples, %v; want 3", r.Samples, err)
	}
	if _, err := sweep.Run(context.Background(), likely(t, s, 1, "ru-demands-veto"), sweep.Options{Samples: 10}); err != nil {
		t.Errorf("likelihood 1: %v", err)
	}
}

// TestEstimate checks the Wilson score interval against published values.
func TestEstimate(t *testing.T) {
	s := certain()
	for _, c := range []struct {
		p         float64
		n         int
		low, high float64
	}{
		// An element of likelihood 0.5 in 10 samples cannot be checked
		// directly; instead a sweep's estimate of a sure event has
		// Wilson's interval for n of n: [n/(n+z²), 1].
		{1, 10, 10 / (10 + 1.959963984540054*1.959963984540054), 1},
		{1, 100, 100 / (100 + 1.959963984540054*1.959963984540054), 1},
	} {
		r := sweepOf(t, likely(t, s, c.p, "ru-demands-veto"), sweep.Options{Samples: c.n})
		vc := r.Codes[slices.IndexFunc(r.Codes, func(e sweep.CodeEstimate) bool { return e.Code == scenario.VetoConflict })]
		if vc.Low > c.low || c.low-vc.Low > 1e-6 || vc.High != c.high || vc.P != 1 {
			t.Errorf("%d of %d: %v; want [%v, %v]", c.n, c.n, vc.Estimate, c.low, c.high)
		}
		if r.Compatible.Low != 0 || r.Compatible.High < 1-c.low || r.Compatible.High-(1-c.low) > 1e-6 {
			t.Errorf("0 of %d: %v; want [0, %v]", c.n, r.Compatible, 1-c.low)
		}
	}
}

// TestSweepFindingGroups: a finding whose details change with what is on
// the table (the guarantees a veto demand cannot stop) is one finding
// across samples, counted once per sample; findings that differ in
// message are not merged.
func TestSweepFindingGroups(t *testing.T) {
	s := likely(t, certain(), 0.5, "us-air-support", "us-intelligence", "european-force", "ru-demands-veto")
	r := sweepOf(t, s, sweep.Options{Samples: 2000, Seed: 3})
	byCode := map[scenario.Code][]sweep.FindingEstimate{}
	for _, f := range r.Findings {
		byCode[f.Finding.Code] = append(byCode[f.Finding.Code], f)
	}
	for _, c := range r.Codes {
		fs := byCode[c.Code]
		switch c.Code {
		case scenario.UnmetVetoDemand, scenario.VetoConflict:
			if len(fs) != 1 || fs[0].Forms < 2 || fs[0].Count != c.Count {
				t.Errorf("%s: %d findings (forms %v), code count %d; want one finding of several forms, as often as its code", c.Code, len(fs), fs, c.Count)
			}
		case scenario.MissingDependency:
			if len(fs) != 2 || fs[0].Finding.Message == fs[1].Finding.Message {
				t.Errorf("%s: %v; want the two directions apart", c.Code, fs)
			}
		}
		for _, f := range fs {
			if f.Count > c.Count {
				t.Errorf("%s occurs in %d samples, more than its code's %d", f.Finding, f.Count, c.Count)
			}
		}
	}
}

// TestSweepPositionsWithoutID: a position without an ID is named by its
// place in the scenario, whichever positions before it a sample
// withdraws; and the result does not depend on which worker met a finding
// first, even when two findings differ only in their sources.
func TestSweepPositionsWithoutID(t *testing.T) {
	uk, us := testkit.Pos("RU", scenario.Rejects, guarantee.Selector{Provider: "UK"}), testkit.Pos("RU", scenario.Rejects, guarantee.Selector{Provider: "US"})
	uk.Likelihood, uk.Sources, us.Sources = new(0.5), []string{"source-a"}, []string{"source-b"}
	s := testkit.Build(
		testkit.Guarantees(testkit.G("uk-troops", "UK", "UA", guarantee.GroundTroops, ""), testkit.G("us-troops", "US", "UA", guarantee.GroundTroops, "")),
		testkit.Positions(uk, us),
	)
	var first []byte
	for _, w := range []int{1, 2, 4, 8, 1, 2, 4, 8} {
		r := sweepOf(t, s, sweep.Options{Samples: 4000, Seed: 5, Workers: w})
		byPosition := map[string]sweep.FindingEstimate{}
		for _, f := range r.Findings {
			if f.Finding.Code == scenario.RedLine {
				byPosition[strings.Join(f.Finding.Positions, ",")] = f
			}
		}
		ukf, usf := byPosition["positions[0]"], byPosition["positions[1]"]
		if len(byPosition) != 2 || ukf.Finding.Guarantees[0] != "uk-troops" || usf.Finding.Guarantees[0] != "us-troops" || usf.P != 1 || math.Abs(ukf.P-0.5) > 0.05 {
			t.Fatalf("%d workers: red lines %+v; want positions[0] on uk-troops about half the time, positions[1] on us-troops always", w, byPosition)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("%d workers give other JSON than 1:\n%s\n%s", w, first, b)
		}
	}
}

// TestSweepTooManyFindings: a finding that lists what each sample holds
// takes a new form in nearly every sample of sixty uncertain guarantees;
// past 16,384 forms the sweep stops listing findings, says so, and still
// counts their codes. Fewer samples list them.
func TestSweepTooManyFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 distinct samples")
	}
	var as []actor.Actor
	var gs []guarantee.Guarantee
	for i := range 60 {
		id := actor.ID("S" + strconv.Itoa(i))
		as = append(as, actor.Actor{ID: id})
		gg := testkit.G(guarantee.ID("g"+strconv.Itoa(i)), id, "UA", guarantee.AirSupport, "attack(RU, UA)")
		gg.Likelihood = new(0.5)
		gs = append(gs, gg)
	}
	s := testkit.Build(testkit.Actors(as...), testkit.Guarantees(gs...), testkit.Positions(testkit.Pos("RU", scenario.DemandsVeto, guarantee.Selector{Beneficiary: "UA"})))
	many := sweepOf(t, s, sweep.Options{Samples: 20000, Seed: 1})
	if !many.FindingsOmitted || len(many.Findings) != 0 {
		t.Errorf("20,000 samples: findings omitted %v, %d listed; want them omitted", many.FindingsOmitted, len(many.Findings))
	}
	var text strings.Builder
	if err := sweep.WriteText(&text, many); err != nil || !strings.Contains(text.String(), "more than 16,384 distinct findings, too many to list") {
		t.Errorf("the text does not say findings were left out (%v):\n%s", err, text.String())
	}
	if i := slices.IndexFunc(many.Codes, func(c sweep.CodeEstimate) bool { return c.Code == scenario.UnmetVetoDemand }); i < 0 || many.Codes[i].P != 1 {
		t.Errorf("20,000 samples: codes %+v; want unmet-veto-demand in every sample", many.Codes)
	}
	few := sweepOf(t, s, sweep.Options{Samples: 500, Seed: 1})
	if few.FindingsOmitted || len(few.Findings) == 0 || few.Findings[0].Forms < 400 {
		t.Errorf("500 samples: findings omitted %v, %d listed (forms %v); want them listed, the demand's in hundreds of forms", few.FindingsOmitted, len(few.Findings), few.Findings)
	}
}

// TestUncertain: the elements a sweep varies are those of likelihood
// strictly between 0 and 1, as the sweep reports them.
func TestUncertain(t *testing.T) {
	s := likely(t, certain(), 0, "us-air-support")
	s = likely(t, s, 1, "us-intelligence")
	if got := sweep.UncertainElements(s); len(got) != 0 {
		t.Errorf("likelihoods 0, 1 and none: uncertain %v; want none", got)
	}
	s = likely(t, s, 0.4, "ru-demands-veto")
	want := []sweep.Uncertain{{Element: "position ru-demands-veto", Path: "positions[3]", Likelihood: 0.4}}
	if got := sweep.UncertainElements(s); !slices.Equal(got, want) {
		t.Errorf("Uncertain() = %v; want %v", got, want)
	}
	if r := sweepOf(t, s, sweep.Options{Samples: 10}); !slices.Equal(r.Uncertain, want) {
		t.Errorf("the sweep's uncertain %v; want %v", r.Uncertain, want)
	}
}
