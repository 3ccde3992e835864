package scenario

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/exp/stats"

	"github.com/entente-go/entente/guarantee"
)

// SweepOptions set a [Sweep]. The zero SweepOptions draws 10,000 samples
// with seed 0 on every core, and neither searches nor walks the timeline.
type SweepOptions struct {
	Samples int    // samples to draw; 10,000 when zero
	Seed    uint64 // fixes the result, byte for byte, whatever the cores
	Search  bool   // also search each sample for a deal
	Walk    bool   // also walk each sample's timeline
	Workers int    // goroutines; GOMAXPROCS when zero
	// Progress, when set, is called now and then with the samples done so
	// far, from one goroutine at a time.
	Progress func(done int)
}

// Estimate is a probability estimated from samples: the share of samples
// in which something occurred, with a 95% Wilson score interval.
type Estimate struct {
	P      float64 `json:"p"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Count  int     `json:"count"`  // samples in which it occurred
	Trials int     `json:"trials"` // samples drawn
}

// estimate returns the estimate of k occurrences in n samples.
func estimate(k, n int) Estimate {
	if n == 0 {
		return Estimate{Low: 0, High: 1}
	}
	const z = 1.959963984540054 // the 97.5th percentile of the normal distribution
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return Estimate{P: p, Low: math.Max(0, mid-half), High: math.Min(1, mid+half), Count: k, Trials: n}
}

// Uncertain is an element of a scenario whose likelihood is below 1.
type Uncertain struct {
	// What names it: "guarantee us-air-support", "position ru-demands-veto",
	// "veto vetoes[0] (RU over {beneficiary: UA})".
	What       string  `json:"what"`
	Likelihood float64 `json:"likelihood"`
}

// Sensitivity is how much the chance of a compatible scenario moves with
// one uncertain element: the chance when the element holds, when it does
// not, and Effect, the difference.
type Sensitivity struct {
	Uncertain
	Holds  Estimate `json:"holds"`
	Fails  Estimate `json:"fails"`
	Effect float64  `json:"effect"`
}

// CodeEstimate is how often a finding code occurs.
type CodeEstimate struct {
	Code Code `json:"code"`
	Estimate
}

// FindingEstimate is how often one finding occurs, identified by its code,
// what it involves, and its message.
type FindingEstimate struct {
	Finding Finding `json:"finding"`
	Estimate
}

// OfferEstimate is how often an offer is forced or dead in the search.
type OfferEstimate struct {
	Guarantee guarantee.ID `json:"guarantee"`
	Forced    Estimate     `json:"forced"`
	Dead      Estimate     `json:"dead"`
}

// ReceiptEstimate is how often a beneficiary receives a kind after an
// event of the timeline.
type ReceiptEstimate struct {
	Step        int            `json:"step"` // 1 for the first event
	Event       string         `json:"event"`
	Beneficiary string         `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	Estimate
}

// Summary describes a per-sample count: mean, standard deviation and
// quartiles.
type Summary struct {
	Mean      float64    `json:"mean"`
	StdDev    float64    `json:"stddev"`
	Quartiles [3]float64 `json:"quartiles"`
}

// SweepResult is what a [Sweep] found.
type SweepResult struct {
	Scenario  string `json:"scenario"`
	Seed      uint64 `json:"seed"`
	Requested int    `json:"requested"`
	// Samples is how many samples the result holds: Requested, unless the
	// context stopped the sweep.
	Samples    int               `json:"samples"`
	Complete   bool              `json:"complete"`
	Uncertain  []Uncertain       `json:"uncertain"`
	Compatible Estimate          `json:"compatible"`
	Errors     Summary           `json:"errors"` // error findings per sample
	Codes      []CodeEstimate    `json:"codes"`
	Findings   []FindingEstimate `json:"findings"`
	// Deal is how often a non-empty package is feasible; nil without
	// SweepOptions.Search.
	Deal     *Estimate         `json:"deal,omitempty"`
	Offers   []OfferEstimate   `json:"offers,omitempty"`
	Receives []ReceiptEstimate `json:"receives,omitempty"`
	// Sensitivity ranks the uncertain elements by how much the chance of a
	// compatible scenario moves with each, largest first.
	Sensitivity []Sensitivity `json:"sensitivity"`
}

// element is one uncertain element: where it is and its likelihood.
type element struct {
	list int // 0 guarantees, 1 positions, 2 vetoes
	i    int
	p    float64
}

// tally is what one worker counts.
type tally struct {
	n, compatible, deal int
	codes               map[Code]int
	findings            map[string]*findingCount
	forced, dead        []int
	receives            map[receiptKey]int
	gpos                map[guarantee.ID]int // the base scenario's guarantees by ID
	holdsCompat         []int                // per element: samples where it held and the scenario was compatible
	holds               []int
	errs                []float64 // error findings per sample, by sample index
}

type receiptKey struct {
	step              int
	beneficiary, kind string
}

type findingCount struct {
	f Finding
	n int
}

// Sweep draws samples of which uncertain elements of s hold (a position
// held, a guarantee honoured, a veto granted, each with its likelihood,
// independently), evaluates each sample, and returns how often the scenario
// is compatible, how often each code and each finding occurs, and, as the
// options ask, how often a deal is possible, each offer forced or dead, and
// each beneficiary receives each kind after each event. Every probability
// comes with a 95% Wilson score interval.
//
// In a sample, a position that does not hold is withdrawn, a guarantee its
// provider does not honour is off the table (what requires it then misses
// it), and a veto not granted is left out.
//
// Sensitivity compares, for each uncertain element, the share of
// compatible samples among those where it held with the share among those
// where it did not; the difference is its effect. Elements with likelihood
// 0 or 1 never vary and are not uncertain.
//
// Sample i draws from a generator seeded with (Seed, i) alone, so the
// result depends on the seed and the number of samples, never on the
// workers or their timing. Samples run on every core. When ctx is done,
// Sweep returns the samples drawn so far with Complete false.
func Sweep(ctx context.Context, s Scenario, opts SweepOptions) (SweepResult, error) {
	if err := Validate(s); err != nil {
		return SweepResult{}, err
	}
	n := opts.Samples
	if n <= 0 {
		n = 10000
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var elems []element
	res := SweepResult{Scenario: s.Name, Seed: opts.Seed, Requested: n}
	add := func(list, i int, p *float64, what string) {
		if p != nil && *p > 0 && *p < 1 {
			elems = append(elems, element{list, i, *p})
			res.Uncertain = append(res.Uncertain, Uncertain{what, *p})
		}
	}
	for i, g := range s.Guarantees {
		add(0, i, g.Likelihood, "guarantee "+string(g.ID))
	}
	for i := range s.Positions {
		add(1, i, s.Positions[i].Likelihood, "position "+s.Positions[i].label(i))
	}
	for i, v := range s.Vetoes {
		add(2, i, v.Likelihood, "veto vetoes["+strconv.Itoa(i)+"] ("+string(v.Holder)+" over "+v.Over.String()+")")
	}

	gpos := make(map[guarantee.ID]int, len(s.Guarantees))
	for i, g := range s.Guarantees {
		gpos[g.ID] = i
	}
	var next atomic.Int64
	const chunk = 64
	tallies := make([]*tally, workers)
	errs := make([]float64, n)
	done := make([]bool, n)
	var progressMu sync.Mutex
	var finished atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		t := &tally{codes: map[Code]int{}, findings: map[string]*findingCount{}, receives: map[receiptKey]int{},
			forced: make([]int, len(s.Guarantees)), dead: make([]int, len(s.Guarantees)),
			holdsCompat: make([]int, len(elems)), holds: make([]int, len(elems))}
		t.gpos = gpos
		tallies[w] = t
		wg.Go(func() {
			held := make([]bool, len(elems))
			var sample Scenario
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					r := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
					for k, e := range elems {
						held[k] = r.Float64() < e.p
					}
					sample = draw(s, sample, elems, held)
					ok := t.add(ctx, sample, held, opts)
					errs[i] = ok
					done[i] = true
				}
				f := finished.Add(int64(min(chunk, n-lo)))
				if opts.Progress != nil && progressMu.TryLock() {
					opts.Progress(int(f))
					progressMu.Unlock()
				}
			}
		})
	}
	wg.Wait()

	total := &tally{codes: map[Code]int{}, findings: map[string]*findingCount{}, receives: map[receiptKey]int{},
		forced: make([]int, len(s.Guarantees)), dead: make([]int, len(s.Guarantees)),
		holdsCompat: make([]int, len(elems)), holds: make([]int, len(elems))}
	for _, t := range tallies {
		total.merge(t)
	}
	m := total.n
	res.Samples, res.Complete = m, m == n
	res.Compatible = estimate(total.compatible, m)
	var perSample []float64
	for i := range n {
		if done[i] {
			perSample = append(perSample, errs[i])
		}
	}
	if len(perSample) > 0 {
		mean, sd := stats.MeanAndStdDev(perSample)
		q := stats.Quantiles(perSample, 0.25, 0.5, 0.75)
		res.Errors = Summary{Mean: mean, StdDev: sd, Quartiles: [3]float64{q[0], q[1], q[2]}}
	}
	for c, k := range total.codes {
		res.Codes = append(res.Codes, CodeEstimate{c, estimate(k, m)})
	}
	slices.SortFunc(res.Codes, func(a, b CodeEstimate) int { return strings.Compare(string(a.Code), string(b.Code)) })
	keys := make([]string, 0, len(total.findings))
	for k := range total.findings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fc := total.findings[k]
		res.Findings = append(res.Findings, FindingEstimate{fc.f, estimate(fc.n, m)})
	}
	if opts.Search {
		d := estimate(total.deal, m)
		res.Deal = &d
		for g := range s.Guarantees {
			res.Offers = append(res.Offers, OfferEstimate{s.Guarantees[g].ID, estimate(total.forced[g], m), estimate(total.dead[g], m)})
		}
	}
	if opts.Walk {
		for k, c := range total.receives {
			res.Receives = append(res.Receives, ReceiptEstimate{Step: k.step, Event: s.Timeline[k.step-1].String(), Beneficiary: k.beneficiary, Kind: guarantee.Kind(k.kind), Estimate: estimate(c, m)})
		}
		slices.SortFunc(res.Receives, func(a, b ReceiptEstimate) int {
			if a.Step != b.Step {
				return a.Step - b.Step
			}
			if c := strings.Compare(a.Beneficiary, b.Beneficiary); c != 0 {
				return c
			}
			return strings.Compare(string(a.Kind), string(b.Kind))
		})
	}
	for k, u := range res.Uncertain {
		h, f := total.holds[k], m-total.holds[k]
		hc := total.holdsCompat[k]
		sv := Sensitivity{Uncertain: u, Holds: estimate(hc, h), Fails: estimate(total.compatible-hc, f)}
		sv.Effect = sv.Holds.P - sv.Fails.P
		res.Sensitivity = append(res.Sensitivity, sv)
	}
	slices.SortStableFunc(res.Sensitivity, func(a, b Sensitivity) int {
		x, y := math.Abs(a.Effect), math.Abs(b.Effect)
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	})
	res.Uncertain, res.Codes, res.Findings, res.Sensitivity = nonNil(res.Uncertain), nonNil(res.Codes), nonNil(res.Findings), nonNil(res.Sensitivity)
	return res, nil
}

// draw builds the sample: s with the uncertain elements that did not hold
// left out. It reuses sample's lists.
func draw(s Scenario, sample Scenario, elems []element, held []bool) Scenario {
	out := s
	out.Variants = nil
	out.Guarantees, out.Positions, out.Vetoes = sample.Guarantees[:0], sample.Positions[:0], sample.Vetoes[:0]
	k := 0
	keep := func(list, i int) bool {
		for k < len(elems) && (elems[k].list < list || (elems[k].list == list && elems[k].i < i)) {
			k++
		}
		if k < len(elems) && elems[k].list == list && elems[k].i == i {
			return held[k]
		}
		return true
	}
	for i, g := range s.Guarantees {
		if (g.Likelihood == nil || *g.Likelihood > 0) && keep(0, i) {
			out.Guarantees = append(out.Guarantees, g)
		}
	}
	for i, p := range s.Positions {
		if (p.Likelihood == nil || *p.Likelihood > 0) && keep(1, i) {
			out.Positions = append(out.Positions, p)
		}
	}
	for i, v := range s.Vetoes {
		if (v.Likelihood == nil || *v.Likelihood > 0) && keep(2, i) {
			out.Vetoes = append(out.Vetoes, v)
		}
	}
	return out
}

// add evaluates one sample and counts what it found; it returns the
// sample's number of error findings.
func (t *tally) add(ctx context.Context, sample Scenario, held []bool, opts SweepOptions) float64 {
	r, err := Evaluate(sample)
	if err != nil { // a subset of a valid scenario is valid
		panic("scenario: a sweep sample does not validate: " + err.Error())
	}
	t.n++
	compatible := r.Verdict == Compatible
	if compatible {
		t.compatible++
	}
	for k, h := range held {
		if h {
			t.holds[k]++
			if compatible {
				t.holdsCompat[k]++
			}
		}
	}
	errs := 0
	var seen []Code
	for _, f := range r.Findings {
		if f.Severity == Error {
			errs++
		}
		if !slices.Contains(seen, f.Code) {
			seen = append(seen, f.Code)
			t.codes[f.Code]++
		}
		key := findingKey(f) + "|" + f.Message
		if fc, ok := t.findings[key]; ok {
			fc.n++
		} else {
			t.findings[key] = &findingCount{f, 1}
		}
	}
	if opts.Search {
		sr, err := Search(ctx, sample, SearchOptions{})
		if err == nil {
			if sr.Feasible {
				t.deal++
			}
			for _, id := range sr.Forced {
				t.forced[t.gpos[id]]++
			}
			for _, id := range sr.Dead {
				t.dead[t.gpos[id]]++
			}
		}
	}
	if opts.Walk {
		sim, err := Simulate(sample)
		if err == nil {
			for i, st := range sim.Steps {
				for _, rc := range st.Receives {
					t.receives[receiptKey{i + 1, string(rc.Beneficiary), string(rc.Kind)}]++
				}
			}
		}
	}
	return float64(errs)
}

func (t *tally) merge(o *tally) {
	t.n += o.n
	t.compatible += o.compatible
	t.deal += o.deal
	for c, k := range o.codes {
		t.codes[c] += k
	}
	for key, fc := range o.findings {
		if x, ok := t.findings[key]; ok {
			x.n += fc.n
		} else {
			t.findings[key] = &findingCount{fc.f, fc.n}
		}
	}
	for k, c := range o.receives {
		t.receives[k] += c
	}
	for i := range t.forced {
		t.forced[i] += o.forced[i]
		t.dead[i] += o.dead[i]
	}
	for i := range t.holds {
		t.holds[i] += o.holds[i]
		t.holdsCompat[i] += o.holdsCompat[i]
	}
}
