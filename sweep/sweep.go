package sweep

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/exp/stats"

	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/space"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// Options set a [Run]. The zero Options draws 10,000 samples
// with seed 0 on every core, and neither searches nor walks the timeline.
type Options struct {
	Samples int    // samples to draw; 10,000 when zero, at most MaxSamples
	Seed    uint64 // fixes the result, byte for byte, whatever the cores
	Search  bool   // also search each sample for a deal
	Walk    bool   // also walk each sample's timeline
	Workers int    // goroutines; GOMAXPROCS when zero
	// Progress, when set, is called now and then with the number of
	// samples done so far, from one goroutine at a time.
	Progress func(done int)
}

// MaxSamples bounds Options.Samples. A sweep keeps 9 bytes per
// sample (17 with Search) for the quartiles of its summaries, and copies
// one list of them to sort: under 300 MB at the bound.
const MaxSamples = 10_000_000

// ErrSamples is returned, wrapped, for a number of samples out of range.
var ErrSamples = errors.New("samples out of range")

// Estimate is a probability estimated from samples: the share of samples
// in which something occurred, with a 95% Wilson score interval whose
// bounds are rounded outward to six decimal places.
type Estimate struct {
	P      float64 `json:"p"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Count  int     `json:"count"`  // samples in which it occurred
	Trials int     `json:"trials"` // samples it is a share of
}

// String returns the estimate as "0.734 [0.725, 0.742]".
func (e Estimate) String() string {
	return strconv.FormatFloat(e.P, 'f', 3, 64) + " [" + strconv.FormatFloat(e.Low, 'f', 3, 64) + ", " + strconv.FormatFloat(e.High, 'f', 3, 64) + "]"
}

// estimate returns the estimate of k occurrences in n trials. With no
// trials, nothing is known: the interval is [0, 1].
func estimate(k, n int) Estimate {
	if n == 0 {
		return Estimate{Low: 0, High: 1}
	}
	const z = 1.959963984540054 // the 97.5th percentile of the standard normal distribution
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	// Bounds are rounded outward to six places, so that the interval
	// still covers, and so that JSON reads the same on machines that fuse
	// multiplications and additions differently.
	low := math.Max(0, math.Floor((mid-half)*1e6)/1e6)
	high := math.Min(1, math.Ceil((mid+half)*1e6)/1e6)
	return Estimate{P: p, Low: low, High: high, Count: k, Trials: n}
}

// Uncertain is an element of a scenario whose likelihood is strictly
// between 0 and 1, so that samples differ in whether it holds.
type Uncertain struct {
	// Element names it: "guarantee us-air-support", "position
	// ru-demands-veto", "veto RU over {beneficiary: UA}".
	Element string `json:"element"`
	// Path is where it is in the scenario: "guarantees[3]".
	Path       string  `json:"path"`
	Likelihood float64 `json:"likelihood"`
}

// Sensitivity is how much the chance of a compatible scenario moves with
// one uncertain element: the chance among the samples where the element
// holds, among those where it does not, and Effect, the first less the
// second.
type Sensitivity struct {
	Uncertain
	Holds  Estimate `json:"holds"`
	Fails  Estimate `json:"fails"`
	Effect float64  `json:"effect"`
}

// CodeEstimate is how often a finding code occurs at least once.
type CodeEstimate struct {
	Code scenario.Code `json:"code"`
	Estimate
}

// FindingEstimate is how often a finding occurs. A finding's details
// may change from sample to sample (which guarantees a veto demand cannot
// stop depends on which are on the table), so findings are grouped: by
// code, actors and positions, or for a finding that names no position, by
// code, actors and message. Finding is the group's most frequent form,
// and Forms says how many distinct forms it took. A group that some
// sample holds twice (a position that blocks two guarantees, one finding
// each) is no identity; its forms are counted each on its own.
type FindingEstimate struct {
	Finding scenario.Finding `json:"finding"`
	Forms   int              `json:"forms"`
	Estimate
}

// OfferEstimate is how often an offer is forced (in every maximal
// feasible package) or dead (in none) in the search, among all samples.
// In a sample where its provider does not honour it, it is neither.
type OfferEstimate struct {
	Guarantee guarantee.ID `json:"guarantee"`
	Forced    Estimate     `json:"forced"`
	Dead      Estimate     `json:"dead"`
}

// ReceiptEstimate is how often a beneficiary receives a kind of support
// after an event of the timeline.
type ReceiptEstimate struct {
	Step        int            `json:"step"` // 1 for the first event
	Event       string         `json:"event"`
	Beneficiary string         `json:"beneficiary"`
	Kind        guarantee.Kind `json:"kind"`
	Estimate
}

// Summary describes a number counted in each sample: its mean, standard
// deviation, and quartiles, computed with golang.org/x/exp/stats.
type Summary struct {
	Mean      float64    `json:"mean"`
	StdDev    float64    `json:"stddev"`
	Quartiles [3]float64 `json:"quartiles"`
}

// Result is what a [Run] found.
type Result struct {
	Scenario  string `json:"scenario"`
	Seed      uint64 `json:"seed"`
	Requested int    `json:"requested"`
	// Samples is how many samples the result holds: Requested, unless the
	// context stopped the sweep, and then Complete is false.
	Samples  int  `json:"samples"`
	Complete bool `json:"complete"`
	// Evaluated is how many evaluations the sweep ran: one per distinct
	// sample, up to 16,384 of them, and about one per sample past that,
	// as the workers' timing has it. The JSON leaves it out, as a figure
	// of cost rather than of the scenario.
	Evaluated int `json:"-"`
	// Uncertain are the elements that vary from sample to sample, in
	// scenario order: guarantees, positions, vetoes.
	Uncertain  []Uncertain `json:"uncertain"`
	Compatible Estimate    `json:"compatible"`
	Errors     Summary     `json:"errors"` // error findings per sample
	// Codes and Findings are how often each finding code and each finding
	// occurs, most frequent first.
	Codes    []CodeEstimate    `json:"codes"`
	Findings []FindingEstimate `json:"findings"`
	// FindingsOmitted is set, and Findings empty, when the samples held
	// more than 16,384 distinct findings: too many to list, and Codes
	// still counts them.
	FindingsOmitted bool `json:"findings_omitted,omitempty"`
	// Deal is how often a non-empty package is feasible, and Largest
	// summarises the offers in the largest feasible package of each sample
	// (0 when none is); both are nil without Options.Search.
	Deal    *Estimate       `json:"deal,omitempty"`
	Largest *Summary        `json:"largest,omitempty"`
	Offers  []OfferEstimate `json:"offers,omitempty"`
	// Receives is, for each step of the timeline, how often each
	// beneficiary receives each kind; nil without Options.Walk.
	Receives []ReceiptEstimate `json:"receives,omitempty"`
	// Sensitivity ranks the uncertain elements by how much the chance of a
	// compatible scenario moves with each, largest effect first.
	Sensitivity []Sensitivity `json:"sensitivity"`
}

// Run draws samples of which uncertain elements of s hold, evaluates
// each sample, and returns how often the scenario is compatible, how
// often each finding code and each finding occurs, and, as opts ask, how
// often a deal is possible and each offer forced or dead, and how often
// each beneficiary receives each kind after each event. Every probability
// comes with a 95% Wilson score interval.
//
// # Samples
//
// Each element with a likelihood (a guarantee, a position, a granted
// veto) holds in a sample with that probability, independently of the
// others; an element without one always holds. In a sample, a guarantee
// whose provider does not honour it is off the table (what requires it
// misses it), a position that does not hold is withdrawn, and a veto that
// is not granted is left out. The sample is then evaluated, searched and
// walked as [scenario.Evaluate], [deals.Search] and [walk.Simulate] would. Elements of
// likelihood 0 never hold and those of likelihood 1 always do, so a sweep
// of a scenario with no other likelihoods agrees exactly with those
// functions on it, less its elements of likelihood 0.
//
// # Sensitivity
//
// For each uncertain element, Run compares the share of compatible
// samples among those in which the element held with the share among
// those in which it did not. Their difference, the effect, is how much the
// chance of a compatible scenario depends on that element, the others
// drawn as they are: the same samples, split two ways, with no further
// evaluation. Elements rank by the size of their effect; an element of
// likelihood near 0 or 1 has few samples on one side, and its intervals
// say so. Elements are independent, so the difference estimates the
// average effect of the element; one that changes nothing has an effect
// near 0, inside the noise its two intervals show.
//
// The Wilson score interval stays inside [0, 1] and keeps its coverage
// near 0 and 1, where a normal approximation fails.
//
// # Reproducibility and cost
//
// Sample i draws from a PCG generator seeded with (Seed, i) alone, so the
// result depends on the seed and the number of samples, never on the
// workers or their timing. Samples run on opts.Workers goroutines, which
// share one cache: each distinct sample (each combination of which
// elements hold) is evaluated once, by the first worker to draw it, and
// its repeats are counted. A scenario with k uncertain elements has at
// most 2^k distinct samples, and Evaluated says how many were evaluated. When ctx is done, Run returns the samples finished so
// far, with Complete false.
//
// Run returns the [scenario.Errors] of [scenario.Validate] for an invalid s, and with
// opts.Search, [ErrTooManyVetoes] when s has more demands-veto positions
// than a search can try.
func Run(ctx context.Context, s scenario.Scenario, opts Options) (Result, error) {
	n := opts.Samples
	if n == 0 {
		n = 10000
	}
	if n < 0 || n > MaxSamples {
		return Result{}, fmt.Errorf("%w: %d; from 1 to %d", ErrSamples, n, MaxSamples)
	}
	if err := scenario.Validate(s); err != nil {
		return Result{}, err
	}
	if opts.Search {
		if _, err := space.New(&s); err != nil {
			return Result{}, err
		}
	}
	sw := newSweeper(s, n, opts)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Chunks of up to 256 samples, at least eight per worker, so that a
	// sweep of few costly samples still runs on every core.
	workers = min(workers, n)
	sw.chunk = max(1, min(256, n/(8*workers)))
	ws := make([]*sweepWorker, workers)
	var wg sync.WaitGroup
	for i := range ws {
		ws[i] = sw.worker()
		wg.Go(func() { ws[i].run(ctx) })
	}
	wg.Wait()
	return sw.result(ws), nil
}

// maxCached bounds the distinct samples a sweep remembers. Past it,
// samples are evaluated each time. Tests change it to check that both
// paths count alike.
var maxCached = 1 << 14

// element is one uncertain element: its list (0 guarantees, 1 positions,
// 2 vetoes), its place in the list, and its likelihood.
type element struct {
	list, i int
	p       float64
}

// UncertainElements returns the elements of s that a [Run] varies: those whose
// likelihood is strictly between 0 and 1, in scenario order (guarantees,
// positions, vetoes). An element of likelihood 0 or 1, or none, is
// certain.
func UncertainElements(s scenario.Scenario) []Uncertain {
	_, us := uncertain(&s)
	return us
}

// uncertain returns the uncertain elements of s, as a sweep draws them
// and as it reports them.
func uncertain(s *scenario.Scenario) (elems []element, us []Uncertain) {
	add := func(list, i int, p *float64, what, path string) {
		if p != nil && *p > 0 && *p < 1 {
			elems = append(elems, element{list, i, *p})
			us = append(us, Uncertain{what, path, *p})
		}
	}
	for i, g := range s.Guarantees {
		add(0, i, g.Likelihood, "guarantee "+string(g.ID), "guarantees["+strconv.Itoa(i)+"]")
	}
	for i := range s.Positions {
		add(1, i, s.Positions[i].Likelihood, "position "+words.PositionRef(s.Positions[i].ID, i), "positions["+strconv.Itoa(i)+"]")
	}
	for i, v := range s.Vetoes {
		add(2, i, v.Likelihood, "veto "+v.String(), "vetoes["+strconv.Itoa(i)+"]")
	}
	return elems, us
}

// sweeper is what the workers of one sweep share. The atomics, the
// per-sample slots (each written by one worker) and, under mu, the cache
// and the tables of findings change.
type sweeper struct {
	s        scenario.Scenario
	opts     Options
	n        int
	chunk    int // samples a worker takes at a time
	elems    []element
	res      Result // the parts known before sampling
	gpos     map[guarantee.ID]int
	next     atomic.Int64 // first sample not yet taken
	finished atomic.Int64
	progress sync.Mutex
	reported int       // the count Progress last had, under progress
	errs     []float64 // per sample: error findings
	largest  []float64 // per sample: offers in the largest feasible package, with Search
	done     []bool    // per sample: finished

	mu sync.Mutex
	// cache holds the outcome of each distinct sample drawn, evaluated by
	// the first worker to draw it, up to maxCached samples.
	cache map[string]*entry
	// forms are the distinct findings seen, each in its group; a
	// sample's outcome names them by their index.
	forms    []findingForm
	formIdx  map[string]int32
	groups   []findingGroup
	groupIdx map[string]int32
	tooMany  bool // more than maxForms distinct findings
}

// maxForms bounds the distinct findings a sweep lists. A finding whose
// message lists what a sample holds (a missing requirement, say, among
// sixty uncertain guarantees) can take a new form in every sample; past
// the bound, findings are counted by code only.
const maxForms = 1 << 14

// entry is a distinct sample's outcome, evaluated once.
type entry struct {
	once sync.Once
	ok   bool // false when the context stopped the evaluation
	o    sampleOutcome
}

// findingForm is one distinct finding, in its group.
type findingForm struct {
	f     scenario.Finding
	key   string
	group int32
}

// findingGroup is a group of findings; split records that some sample
// held two findings of the group.
type findingGroup struct {
	key   string
	split bool
}

func newSweeper(s scenario.Scenario, n int, opts Options) *sweeper {
	sw := &sweeper{s: s, opts: opts, n: n, errs: make([]float64, n), done: make([]bool, n),
		cache: map[string]*entry{}, formIdx: map[string]int32{}, groupIdx: map[string]int32{}}
	sw.res = Result{Scenario: s.Name, Seed: opts.Seed, Requested: n}
	sw.elems, sw.res.Uncertain = uncertain(&s)
	if opts.Search {
		sw.largest = make([]float64, n)
		sw.gpos = make(map[guarantee.ID]int, len(s.Guarantees))
		for i, g := range s.Guarantees {
			sw.gpos[g.ID] = i
		}
	}
	return sw
}

// sampleOutcome is what one distinct sample gave.
type sampleOutcome struct {
	compatible bool
	errors     int
	codes      []scenario.Code // each code found, once
	findings   []int32         // each finding, as an index of the sweep's forms
	groups     []int32         // each group of findings, once
	deal       bool
	largest    int
	forced     []int32 // the base scenario's guarantees, by position
	dead       []int32
	receipts   []receiptKey
}

type receiptKey struct {
	step              int
	beneficiary, kind string
}

// cached is a distinct sample a worker has drawn: what it gave and how
// many of the worker's samples drew it.
type cached struct {
	o     *sampleOutcome
	count int
}

// tally is what a worker counts, over its samples.
type tally struct {
	n, compatible, deal int
	codes               map[scenario.Code]int
	forms, groups       []int // per form and group of the sweep: samples that hold it
	forced, dead        []int
	receives            map[receiptKey]int
	holds, holdsCompat  []int // per element: samples where it held; and the scenario was compatible
	evaluated           int
}

func newTally(guarantees, elems int) tally {
	return tally{codes: map[scenario.Code]int{}, receives: map[receiptKey]int{},
		forced: make([]int, guarantees), dead: make([]int, guarantees),
		holds: make([]int, elems), holdsCompat: make([]int, elems)}
}

type sweepWorker struct {
	sw     *sweeper
	t      tally
	cache  map[string]*cached // by key, when there are more than 64 elements
	small  map[uint64]*cached // by key as bits, when there are at most 64
	key    []byte             // the sample being drawn: bit k set when element k holds
	sample scenario.Scenario
	pcg    rand.PCG
	rng    *rand.Rand
	// scratch is the outcome of the sample last evaluated, and buf the
	// key of a finding, both reused from sample to sample.
	scratch sampleOutcome
	buf     []byte
	ev      scenario.Evaluator // the evaluation's working memory, kept from sample to sample
	places  []int              // per position of the sample: its place in the scenario
}

func (sw *sweeper) worker() *sweepWorker {
	w := &sweepWorker{sw: sw, t: newTally(len(sw.s.Guarantees), len(sw.elems)),
		cache: map[string]*cached{}, small: map[uint64]*cached{}}
	// The key has a cache line of its own, so that workers writing theirs
	// do not slow each other.
	n := (len(sw.elems) + 7) / 8
	w.key = make([]byte, n, max(n, 64))
	w.rng = rand.New(&w.pcg)
	return w
}

func (w *sweepWorker) run(ctx context.Context) {
	sw := w.sw
	defer w.flush()
	for ctx.Err() == nil {
		lo := int(sw.next.Add(int64(sw.chunk))) - sw.chunk
		if lo >= sw.n {
			return
		}
		hi := min(lo+sw.chunk, sw.n)
		for i := lo; i < hi; i++ {
			if !w.one(ctx, i) {
				return
			}
		}
		f := int(sw.finished.Add(int64(hi - lo)))
		if sw.opts.Progress != nil && sw.progress.TryLock() {
			if f > sw.reported { // another worker may have reported more
				sw.reported = f
				sw.opts.Progress(f)
			}
			sw.progress.Unlock()
		}
	}
}

// one draws sample i, evaluates it unless this worker has seen it, and
// counts it. It reports false when ctx stopped the sample.
func (w *sweepWorker) one(ctx context.Context, i int) bool {
	sw := w.sw
	w.pcg.Seed(sw.opts.Seed, uint64(i))
	// Up to 64 elements, the sample is drawn into a register, and written
	// out as a key only when it is new to the worker.
	small := len(sw.elems) <= 64
	var bits uint64
	var c *cached
	if small {
		for k, e := range sw.elems {
			if w.rng.Float64() < e.p {
				bits |= 1 << k
			}
		}
		if c = w.small[bits]; c == nil {
			for k := range w.key {
				w.key[k] = byte(bits >> (8 * k))
			}
		}
	} else {
		clear(w.key)
		for k, e := range sw.elems {
			if w.rng.Float64() < e.p {
				w.key[k/8] |= 1 << (k % 8)
			}
		}
		c = w.cache[string(w.key)]
	}
	var o *sampleOutcome
	if c != nil {
		c.count++
		o = c.o
	} else if e := sw.entry(w.key); e != nil {
		e.once.Do(func() {
			if e.ok = w.evaluate(ctx); e.ok {
				e.o = w.scratch.clone()
				w.t.evaluated++
			}
		})
		if !e.ok {
			return false
		}
		o = &e.o
		if small {
			w.small[bits] = &cached{o: o, count: 1}
		} else {
			w.cache[string(w.key)] = &cached{o: o, count: 1}
		}
	} else {
		if !w.evaluate(ctx) {
			return false
		}
		w.t.evaluated++
		o = &w.scratch
		w.add(o, w.key, 1)
	}
	sw.done[i] = true
	sw.errs[i] = float64(o.errors)
	if sw.largest != nil {
		sw.largest[i] = float64(o.largest)
	}
	return true
}

// entry returns the sweep's cache entry for the sample key, new if
// need be, or nil when the cache is full.
func (sw *sweeper) entry(key []byte) *entry {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	e, ok := sw.cache[string(key)]
	if !ok && len(sw.cache) < maxCached {
		e = new(entry)
		sw.cache[string(key)] = e
	}
	return e
}

// flush counts the cached samples, each as many times as it was drawn.
func (w *sweepWorker) flush() {
	for key, c := range w.cache {
		w.add(c.o, []byte(key), c.count)
	}
	key := make([]byte, len(w.key))
	for bits, c := range w.small {
		for k := range key {
			key[k] = byte(bits >> (8 * k))
		}
		w.add(c.o, key, c.count)
	}
}

// extend returns counts with at least n elements, the new ones 0.
func extend(counts []int, n int) []int {
	if len(counts) >= n {
		return counts
	}
	return append(counts, make([]int, n-len(counts))...)
}

func held(key []byte, k int) bool { return key[k/8]&(1<<(k%8)) != 0 }

// add counts sampleOutcome o of the sample key, weight times.
func (w *sweepWorker) add(o *sampleOutcome, key []byte, weight int) {
	t := &w.t
	t.n += weight
	if o.compatible {
		t.compatible += weight
	}
	for k := range t.holds {
		if held(key, k) {
			t.holds[k] += weight
			if o.compatible {
				t.holdsCompat[k] += weight
			}
		}
	}
	for _, c := range o.codes {
		t.codes[c] += weight
	}
	for _, f := range o.findings {
		t.forms = extend(t.forms, int(f)+1)
		t.forms[f] += weight
	}
	for _, g := range o.groups {
		t.groups = extend(t.groups, int(g)+1)
		t.groups[g] += weight
	}
	if o.deal {
		t.deal += weight
	}
	for _, g := range o.forced {
		t.forced[g] += weight
	}
	for _, g := range o.dead {
		t.dead[g] += weight
	}
	for _, rk := range o.receipts {
		t.receives[rk] += weight
	}
}

// evaluate builds the sample the worker's key draws, and evaluates,
// searches and walks it as the options ask, into w.scratch. It reports
// false when ctx stopped it.
func (w *sweepWorker) evaluate(ctx context.Context) bool {
	sw := w.sw
	if ctx.Err() != nil {
		return false
	}
	w.draw()
	r, err := w.ev.Evaluate(&w.sample)
	if err != nil { // every sample is part of a valid scenario, so valid too
		panic("scenario: a sweep's sample does not validate: " + err.Error())
	}
	o := &w.scratch
	o.reset()
	o.compatible = r.Verdict == scenario.Compatible
	for _, f := range r.Findings {
		if f.Severity == scenario.Error {
			o.errors++
		}
		if !slices.Contains(o.codes, f.Code) {
			o.codes = append(o.codes, f.Code)
		}
		// A position without an ID is named by its place, which in the
		// sample may differ from its place in the scenario.
		for k, p := range f.Positions {
			if rest, ok := strings.CutPrefix(p, "positions["); ok {
				if j, err := strconv.Atoi(strings.TrimSuffix(rest, "]")); err == nil && j < len(w.places) && w.places[j] != j {
					f.Positions[k] = "positions[" + strconv.Itoa(w.places[j]) + "]"
				}
			}
		}
		w.buf = appendFindingKey(w.buf[:0], f)
		fi, gi := sw.intern(w.buf, f)
		if fi < 0 {
			continue // past maxForms: counted by code only
		}
		o.findings = append(o.findings, fi)
		if slices.Contains(o.groups, gi) {
			sw.mu.Lock()
			sw.groups[gi].split = true
			sw.mu.Unlock()
		} else {
			o.groups = append(o.groups, gi)
		}
	}
	if sw.opts.Search {
		sr, err := deals.Search(ctx, w.sample, deals.Options{})
		if err != nil {
			panic("scenario: a sweep's sample cannot be searched: " + err.Error())
		}
		if !sr.Complete {
			return false // only the context stops a search with no limits
		}
		o.deal = sr.Feasible
		if len(sr.Maximal) > 0 {
			o.largest = len(sr.Maximal[0].Guarantees)
		}
		for _, id := range sr.Forced {
			o.forced = append(o.forced, int32(sw.gpos[id]))
		}
		for _, id := range sr.Dead {
			o.dead = append(o.dead, int32(sw.gpos[id]))
		}
	}
	if sw.opts.Walk {
		sim, err := walk.Simulate(w.sample)
		if err != nil {
			panic("scenario: a sweep's sample cannot be walked: " + err.Error())
		}
		for i, st := range sim.Steps {
			for _, rc := range st.Receives {
				o.receipts = append(o.receipts, receiptKey{i + 1, string(rc.Beneficiary), string(rc.Kind)})
			}
		}
	}
	return true
}

// intern returns the indexes of the finding f, whose key is key, and of
// its group, adding them to the sweep's tables when they are new.
func (sw *sweeper) intern(key []byte, f scenario.Finding) (formIndex, groupIndex int32) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if i, ok := sw.formIdx[string(key)]; ok {
		return i, sw.forms[i].group
	}
	if len(sw.forms) >= maxForms {
		sw.tooMany = true
		return -1, -1
	}
	gk := string(appendGroupKey(nil, f))
	g, ok := sw.groupIdx[gk]
	if !ok {
		g = int32(len(sw.groups))
		sw.groups = append(sw.groups, findingGroup{key: gk})
		sw.groupIdx[gk] = g
	}
	i := int32(len(sw.forms))
	// f's lists are the evaluation's, which the next one reuses.
	f.Actors, f.Guarantees, f.Positions, f.Sources = slices.Clone(f.Actors), slices.Clone(f.Guarantees), slices.Clone(f.Positions), slices.Clone(f.Sources)
	f.Message = strings.Clone(f.Message)
	sw.forms = append(sw.forms, findingForm{f: f, key: string(key), group: g})
	sw.formIdx[string(key)] = i
	return i, g
}

// appendFindingKey appends what identifies f among a sweep's findings:
// its code, what it involves, and its message.
func appendFindingKey(buf []byte, f scenario.Finding) []byte {
	buf = append(buf, f.Code...)
	for _, a := range f.Actors {
		buf = append(append(buf, '|'), a...)
	}
	buf = append(buf, 0)
	for _, g := range f.Guarantees {
		buf = append(append(buf, '|'), g...)
	}
	buf = append(buf, 0)
	for _, p := range f.Positions {
		buf = append(append(buf, '|'), p...)
	}
	buf = append(buf, 0)
	for _, src := range f.Sources {
		buf = append(append(buf, '|'), src...)
	}
	buf = append(buf, 0)
	return append(buf, f.Message...)
}

// appendGroupKey appends the key of f's group: its code and actors, and
// its positions, or when it names none, its message.
func appendGroupKey(buf []byte, f scenario.Finding) []byte {
	buf = append(buf, f.Code...)
	for _, a := range f.Actors {
		buf = append(append(buf, '|'), a...)
	}
	buf = append(buf, 0)
	if len(f.Positions) > 0 {
		for _, p := range f.Positions {
			buf = append(append(buf, '|'), p...)
		}
		return buf
	}
	buf = append(buf, 0)
	return append(buf, f.Message...)
}

func (o *sampleOutcome) reset() {
	*o = sampleOutcome{codes: o.codes[:0], findings: o.findings[:0], groups: o.groups[:0], forced: o.forced[:0], dead: o.dead[:0], receipts: o.receipts[:0]}
}

// clone returns a copy of o that shares no list with it.
func (o *sampleOutcome) clone() sampleOutcome {
	c := *o
	c.codes, c.findings, c.groups = slices.Clone(o.codes), slices.Clone(o.findings), slices.Clone(o.groups)
	c.forced, c.dead, c.receipts = slices.Clone(o.forced), slices.Clone(o.dead), slices.Clone(o.receipts)
	return c
}

// draw builds the sample that w.key draws into w.sample: the scenario
// less the elements of likelihood 0 and the uncertain elements that did
// not hold, reusing the sample's lists. w.places records where each of the
// sample's positions is in the scenario.
func (w *sweepWorker) draw() {
	sw, key, sample := w.sw, w.key, w.sample
	s := &sw.s
	out := *s
	// Values change no finding, and a weight on the veto of a position
	// the sample drops would name nothing.
	out.Variants, out.Values = nil, nil
	out.Guarantees, out.Positions, out.Vetoes = sample.Guarantees[:0], sample.Positions[:0], sample.Vetoes[:0]
	k := 0 // the next uncertain element
	keep := func(list, i int, p *float64) bool {
		if p == nil || *p >= 1 {
			return true
		}
		if *p <= 0 {
			return false
		}
		e := sw.elems[k]
		if e.list != list || e.i != i {
			panic("scenario: a sweep's elements are out of order")
		}
		k++
		return held(key, k-1)
	}
	for i, g := range s.Guarantees {
		if keep(0, i, g.Likelihood) {
			out.Guarantees = append(out.Guarantees, g)
		}
	}
	w.places = w.places[:0]
	for i := range s.Positions {
		if keep(1, i, s.Positions[i].Likelihood) {
			out.Positions = append(out.Positions, s.Positions[i])
			w.places = append(w.places, i)
		}
	}
	for i := range s.Vetoes {
		if keep(2, i, s.Vetoes[i].Likelihood) {
			out.Vetoes = append(out.Vetoes, s.Vetoes[i])
		}
	}
	w.sample = out
}

// result merges the workers' tallies into the result.
func (sw *sweeper) result(ws []*sweepWorker) Result {
	res := sw.res
	t := newTally(len(sw.s.Guarantees), len(sw.elems))
	for _, w := range ws {
		t.merge(&w.t)
	}
	m := t.n
	res.Samples, res.Complete, res.Evaluated = m, m == sw.n, t.evaluated
	res.Compatible = estimate(t.compatible, m)
	res.Errors = summarise(sw.errs, sw.done)
	for c, k := range t.codes {
		res.Codes = append(res.Codes, CodeEstimate{c, estimate(k, m)})
	}
	slices.SortFunc(res.Codes, func(a, b CodeEstimate) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(string(a.Code), string(b.Code)))
	})
	res.Findings, res.FindingsOmitted = sw.findingEstimates(&t, m), sw.tooMany
	if sw.opts.Search {
		d := estimate(t.deal, m)
		l := summarise(sw.largest, sw.done)
		res.Deal, res.Largest = &d, &l
		for g := range sw.s.Guarantees {
			res.Offers = append(res.Offers, OfferEstimate{sw.s.Guarantees[g].ID, estimate(t.forced[g], m), estimate(t.dead[g], m)})
		}
		res.Offers = words.NonNil(res.Offers)
	}
	if sw.opts.Walk {
		for k, c := range t.receives {
			res.Receives = append(res.Receives, ReceiptEstimate{Step: k.step, Event: sw.s.Timeline[k.step-1].String(),
				Beneficiary: k.beneficiary, Kind: guarantee.Kind(k.kind), Estimate: estimate(c, m)})
		}
		slices.SortFunc(res.Receives, func(a, b ReceiptEstimate) int {
			return cmp.Or(cmp.Compare(a.Step, b.Step), strings.Compare(a.Beneficiary, b.Beneficiary), strings.Compare(string(a.Kind), string(b.Kind)))
		})
		res.Receives = words.NonNil(res.Receives)
	}
	for k, u := range res.Uncertain {
		h, hc := t.holds[k], t.holdsCompat[k]
		sv := Sensitivity{Uncertain: u, Holds: estimate(hc, h), Fails: estimate(t.compatible-hc, m-h)}
		sv.Effect = sv.Holds.P - sv.Fails.P
		res.Sensitivity = append(res.Sensitivity, sv)
	}
	slices.SortStableFunc(res.Sensitivity, func(a, b Sensitivity) int {
		return cmp.Compare(math.Abs(b.Effect), math.Abs(a.Effect))
	})
	res.Uncertain, res.Codes, res.Findings, res.Sensitivity = words.NonNil(res.Uncertain), words.NonNil(res.Codes), words.NonNil(res.Findings), words.NonNil(res.Sensitivity)
	return res
}

// findingEstimates returns how often each group of findings occurred in
// the m samples t counts, most frequent first; none when there were too
// many to list.
func (sw *sweeper) findingEstimates(t *tally, m int) []FindingEstimate {
	if sw.tooMany {
		return []FindingEstimate{}
	}
	var out []FindingEstimate
	// Each group shows its most frequent form, ties going to the first
	// form in key order.
	count := func(counts []int, i int32) int {
		if i >= 0 && int(i) < len(counts) {
			return counts[i]
		}
		return 0
	}
	var keys []string // of each of out
	best := make([]int32, len(sw.groups))
	forms := make([]int, len(sw.groups))
	for g := range best {
		best[g] = -1
	}
	for i, fm := range sw.forms {
		n := count(t.forms, int32(i))
		if n == 0 {
			continue
		}
		if sw.groups[fm.group].split {
			out = append(out, FindingEstimate{fm.f, 1, estimate(n, m)})
			keys = append(keys, fm.key)
			continue
		}
		forms[fm.group]++
		b := best[fm.group]
		if bn := count(t.forms, b); b < 0 || n > bn || n == bn && fm.key < sw.forms[b].key {
			best[fm.group] = int32(i)
		}
	}
	for g, b := range best {
		if b >= 0 {
			out = append(out, FindingEstimate{sw.forms[b].f, forms[g], estimate(count(t.groups, int32(g)), m)})
			keys = append(keys, sw.forms[b].key)
		}
	}
	// Most frequent first, then errors first, then by key; the keys are
	// unique.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Finding.Severity, b.Finding.Severity), strings.Compare(keys[i], keys[j]))
	})
	sorted := make([]FindingEstimate, len(order))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted
}

// summarise describes the values of the finished samples.
func summarise(values []float64, done []bool) Summary {
	xs := make([]float64, 0, len(values))
	for i, d := range done {
		if d {
			xs = append(xs, values[i])
		}
	}
	if len(xs) == 0 {
		return Summary{}
	}
	mean, sd := stats.MeanAndStdDev(xs)
	q := stats.Quantiles(xs, 0.25, 0.5, 0.75)
	return Summary{Mean: mean, StdDev: sd, Quartiles: [3]float64{q[0], q[1], q[2]}}
}

func (t *tally) merge(o *tally) {
	t.n += o.n
	t.compatible += o.compatible
	t.deal += o.deal
	t.evaluated += o.evaluated
	for c, k := range o.codes {
		t.codes[c] += k
	}
	t.forms = extend(t.forms, len(o.forms))
	for i, n := range o.forms {
		t.forms[i] += n
	}
	t.groups = extend(t.groups, len(o.groups))
	for i, n := range o.groups {
		t.groups[i] += n
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
