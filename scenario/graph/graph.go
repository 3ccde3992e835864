package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/suggest"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/walk"
)

// Options says which part of a scenario to draw. The zero Options draws
// all of it: every actor and every guarantee.
type Options struct {
	// Actors, when not empty, keeps only the guarantees that involve one
	// of these actors: as provider, beneficiary or target, or as a member,
	// at any depth, of the body that provides. IDs the scenario does not
	// have match nothing ([Options.Check] reports them). Empty keeps every
	// guarantee.
	Actors []actor.ID
	// Kinds, when not empty, keeps only the guarantees whose kind is one
	// of these or below one of them ([guarantee.Kind.Is]): "military"
	// keeps "military/air-support". Empty keeps every guarantee.
	Kinds []guarantee.Kind
}

// IsZero reports whether o keeps everything.
func (o Options) IsZero() bool { return len(o.Actors) == 0 && len(o.Kinds) == 0 }

// String describes the filters in words, as the pictures' captions do:
// "guarantees involving US, of kind military", or "" for the zero Options.
func (o Options) String() string {
	var b []byte
	if len(o.Actors) > 0 {
		b = append(b, "guarantees involving "...)
		for i, a := range o.Actors {
			if i > 0 {
				b = append(b, " or "...)
			}
			b = append(b, a...)
		}
	}
	if len(o.Kinds) > 0 {
		if len(b) == 0 {
			b = append(b, "guarantees"...)
		} else {
			b = append(b, ',')
		}
		b = append(b, " of kind "...)
		for i, k := range o.Kinds {
			if i > 0 {
				b = append(b, " or "...)
			}
			b = append(b, k...)
		}
	}
	return string(b)
}

// ErrUnknownActor is returned, wrapped, by [Options.Check] for an actor ID
// the scenario does not have.
var ErrUnknownActor = errors.New("unknown actor")

// Check returns an error for each filter of o that cannot match as meant
// in s: an actor s does not have (wrapping [ErrUnknownActor], with the
// closest ID s has when one is close), or a malformed kind (wrapping
// [guarantee.ErrInvalidKind]). It returns nil when every filter is sound,
// even if it matches no guarantee. [New] does not call it: a caller that
// takes filters from a person, such as a command line, should, so that a
// typo does not draw an empty picture.
func (o Options) Check(s scenario.Scenario) error {
	var errs []error
	if len(o.Actors) > 0 {
		ids := make([]string, len(s.Actors))
		for i, a := range s.Actors {
			ids[i] = string(a.ID)
		}
		for _, a := range o.Actors {
			if slices.Contains(ids, string(a)) {
				continue
			}
			if c, ok := suggest.Closest(string(a), ids); ok {
				errs = append(errs, fmt.Errorf("%w %q; did you mean %q?", ErrUnknownActor, a, c))
			} else {
				errs = append(errs, fmt.Errorf("%w %q", ErrUnknownActor, a))
			}
		}
	}
	for _, k := range o.Kinds {
		if _, err := guarantee.ParseKind(string(k)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Graph is a scenario as a picture, before layout: the actors drawn, the
// clusters around bodies, the guarantee and membership edges, and the
// marks on them. [New] builds it; the Write methods draw it, and another
// package can lay it out its own way. Elements refer to each other by
// their index in the Graph's slices.
//
// Graph is a plain value. New returns a new one each call, which the
// caller owns and may change; the Write methods draw it as it is, never
// change it, and are safe for concurrent use. They return an error
// wrapping [ErrMalformed], and draw nothing, when an index is out of
// range or clusters nest in a loop.
type Graph struct {
	// Name is the scenario's name, the picture's title.
	Name string
	// Options are the filters the picture was drawn with.
	Options Options
	// Nodes are the actors drawn, in scenario order.
	Nodes []Node
	// Clusters are the bodies drawn as a box around their members, in
	// scenario order of their bodies.
	Clusters []Cluster
	// Edges are the guarantees drawn, in scenario order, then the
	// memberships drawn as edges, in scenario order of the body and then
	// of its members.
	Edges []Edge
	// Findings are the report's error findings that mark an element of
	// the picture, in report order. Nodes and edges name them by index.
	Findings []scenario.Finding
}

// Node is an actor in the picture.
type Node struct {
	// Actor is the actor as the scenario has it.
	Actor actor.Actor
	// Cluster is the index in [Graph.Clusters] of the innermost cluster
	// the node is drawn in (for a body drawn as a cluster, its own), or -1.
	Cluster int
	// Vetoes are the bodies in the picture whose decision rule this actor
	// can block on its own ([actor.Actor.RuleVetoes]: an explicit veto, or
	// every member under unanimity), in scenario order.
	Vetoes []actor.ID
	// Granted are the vetoes the deal grants this actor, in scenario
	// order, whatever they are over.
	Granted []scenario.Veto
	// Errors are the indexes in [Graph.Findings] of the error findings
	// that name this actor.
	Errors []int
}

// HasError reports whether an error finding names the node's actor: the
// node is drawn to stand out.
func (n Node) HasError() bool { return len(n.Errors) > 0 }

// HoldsVeto reports whether the actor can block a body in the picture, or
// holds a veto the deal grants: the node is marked as a veto holder.
func (n Node) HoldsVeto() bool { return len(n.Vetoes) > 0 || len(n.Granted) > 0 }

// Cluster is a body drawn as a box around its members. The body's own
// node is drawn inside it, so that the body's guarantees have an
// endpoint; so is every member of the body in the picture, directly or
// inside a nested cluster.
type Cluster struct {
	// Body is the index in [Graph.Nodes] of the body.
	Body int
	// Parent is the index in [Graph.Clusters] of the cluster this one is
	// drawn in, or -1.
	Parent int
}

// EdgeKind says what an [Edge] stands for. The zero EdgeKind is
// [GuaranteeEdge].
type EdgeKind uint8

const (
	// GuaranteeEdge is a guarantee, from its provider to its beneficiary.
	GuaranteeEdge EdgeKind = iota
	// MemberEdge is a membership that no cluster shows, from the member to
	// the body: "member of".
	MemberEdge
)

// String returns "guarantee" or "member".
func (k EdgeKind) String() string {
	switch k {
	case GuaranteeEdge:
		return "guarantee"
	case MemberEdge:
		return "member"
	}
	return "EdgeKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (k EdgeKind) MarshalText() ([]byte, error) {
	if k > MemberEdge {
		return nil, fmt.Errorf("invalid edge kind %d", k)
	}
	return []byte(k.String()), nil
}

// Edge is a guarantee or a membership in the picture.
type Edge struct {
	Kind EdgeKind
	// From and To are indexes in [Graph.Nodes]: the provider and the
	// beneficiary of a guarantee, the member and the body of a membership.
	From, To int
	// Guarantee is the guarantee as the scenario has it (GuaranteeEdge
	// only).
	Guarantee guarantee.Guarantee
	// Errors are the indexes in [Graph.Findings] of the error findings
	// that name the guarantee.
	Errors []int
	// Lapse says why and when the guarantee's mandate ends, when it is
	// known to (a captured-renewal, blocked-renewal or sunset finding, or
	// a lapse in the walk [Graph.MarkWalk] was given); "" otherwise. A
	// lapsing guarantee is drawn dotted, with ⌛ before its kind.
	Lapse string
}

// Lapses reports whether the edge's guarantee is known to lapse.
func (e Edge) Lapses() bool { return e.Lapse != "" }

// MarkWalk marks the guarantees that lapse in sim, a walk of the scenario
// drawn, with when and why: "lapsed on 2009-01-01: UNSC did not renew it".
func (g *Graph) MarkWalk(sim walk.Simulation) {
	for _, st := range sim.Steps {
		for _, l := range st.Lapses {
			for i := range g.Edges {
				e := &g.Edges[i]
				if e.Kind != GuaranteeEdge || e.Guarantee.ID != l.Guarantee {
					continue
				}
				when := ""
				if l.Date != "" {
					when = " on " + l.Date
				}
				if l.Sunset {
					e.Lapse = "lapsed" + when + ": its mandate ended"
					continue
				}
				e.Lapse = "lapsed" + when + ": " + string(l.Body) + " did not renew it"
				for _, b := range l.Blocks {
					e.Lapse += "; " + b.Message
				}
			}
		}
	}
}

// HasError reports whether an error finding names the edge's guarantee:
// the edge is drawn to stand out.
func (e Edge) HasError() bool { return len(e.Errors) > 0 }

// ErrMalformed is returned, wrapped, by the Write methods for a Graph
// whose indexes do not hold together, which [New] never makes.
var ErrMalformed = errors.New("malformed graph")

// New returns the picture of s, marked with the error findings of r (the
// report of s, or of anything else: only findings of severity
// [scenario.Error] that name an actor or a guarantee of the picture count),
// cut down by opts.
//
// New expects a valid scenario ([scenario.Validate]). Of an invalid one it
// draws what it can and never panics: a second actor with the same ID, a
// guarantee whose provider or beneficiary is not an actor, and members
// that are not actors are left out, and a membership loop stops the
// nesting of clusters.
func New(s scenario.Scenario, r scenario.Report, opts Options) Graph {
	b := newBuilder(s, opts)
	b.filter()
	b.pickActors()
	g := Graph{Name: s.Name, Options: opts}
	b.nodes(&g)
	b.clusters(&g)
	b.edges(&g)
	b.marks(&g, r)
	return g
}

// builder holds what New works out, by position: actors by their index in
// acts, guarantees by their index in s.Guarantees.
type builder struct {
	s    scenario.Scenario
	opts Options

	acts    []actor.Actor    // the actors, without repeated IDs
	pos     map[actor.ID]int // index in acts
	members [][]int32        // direct members, resolved

	kept     []int   // kept guarantees, by index in s.Guarantees
	in       []bool  // actor drawn
	node     []int32 // actor → node index, or -1
	provides []bool  // actor provides a kept guarantee

	pm        [][]int32 // node → its members in the picture, as nodes
	isCluster []bool    // node → drawn as a cluster

	// visit is a scratch mark for walks over memberships: an actor is
	// visited in the current walk when visit[a] == stamp.
	visit []uint32
	stamp uint32
}

func newBuilder(s scenario.Scenario, opts Options) *builder {
	b := &builder{s: s, opts: opts, pos: make(map[actor.ID]int, len(s.Actors))}
	b.acts = make([]actor.Actor, 0, len(s.Actors))
	for _, a := range s.Actors {
		if _, dup := b.pos[a.ID]; dup {
			continue
		}
		b.pos[a.ID] = len(b.acts)
		b.acts = append(b.acts, a)
	}
	n := len(b.acts)
	b.members = make([][]int32, n)
	for i, a := range b.acts {
		if !a.Kind.IsBody() || len(a.Members) == 0 {
			continue
		}
		ms := make([]int32, 0, len(a.Members))
		for _, m := range a.Members {
			j, ok := b.pos[m]
			if ok && j != i && !slices.Contains(ms, int32(j)) {
				ms = append(ms, int32(j))
			}
		}
		b.members[i] = ms
	}
	b.in = make([]bool, n)
	b.node = make([]int32, n)
	b.provides = make([]bool, n)
	b.visit = make([]uint32, n)
	return b
}

// walk calls f for every member of actor a at any depth, each once, a
// itself not included unless a membership loop leads back to it. It stops
// and returns true as soon as f does.
func (b *builder) walk(a int, f func(int) bool) bool {
	b.stamp++
	if b.stamp == 0 { // wrapped: clear the marks
		clear(b.visit)
		b.stamp = 1
	}
	stack := []int32{int32(a)}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range b.members[x] {
			if b.visit[m] == b.stamp {
				continue
			}
			b.visit[m] = b.stamp
			if f(int(m)) {
				return true
			}
			stack = append(stack, m)
		}
	}
	return false
}

// filter picks the guarantees the options keep.
func (b *builder) filter() {
	var named []bool // actor named by Options.Actors
	var within []int8
	if len(b.opts.Actors) > 0 {
		named = make([]bool, len(b.acts))
		for _, a := range b.opts.Actors {
			if i, ok := b.pos[a]; ok {
				named[i] = true
			}
		}
		within = make([]int8, len(b.acts)) // 0 unknown, 1 no, 2 yes
	}
	// involves reports whether a named actor is p or a member of p at any
	// depth, remembering the answer per provider.
	involves := func(p int) bool {
		if named[p] {
			return true
		}
		if within[p] == 0 {
			within[p] = 1
			if b.walk(p, func(m int) bool { return named[m] }) {
				within[p] = 2
			}
		}
		return within[p] == 2
	}
	for i := range b.s.Guarantees {
		g := &b.s.Guarantees[i]
		p, okP := b.pos[g.Provider]
		ben, okB := b.pos[g.Beneficiary]
		if !okP || !okB {
			continue
		}
		if len(b.opts.Kinds) > 0 && !slices.ContainsFunc(b.opts.Kinds, g.Kind.Is) {
			continue
		}
		if named != nil {
			t, okT := b.pos[g.Target]
			if !named[ben] && !(okT && named[t]) && !involves(p) {
				continue
			}
		}
		b.kept = append(b.kept, i)
	}
}

// pickActors decides which actors are drawn: all of them without
// filters; with filters, the actors the kept guarantees name (provider,
// beneficiary, target), the members at any depth of their providers, and
// the actors the filters name.
func (b *builder) pickActors() {
	if b.opts.IsZero() {
		for i := range b.in {
			b.in[i] = true
		}
	} else {
		for _, a := range b.opts.Actors {
			if i, ok := b.pos[a]; ok {
				b.in[i] = true
			}
		}
	}
	walked := make([]bool, len(b.acts))
	for _, gi := range b.kept {
		g := &b.s.Guarantees[gi]
		p := b.pos[g.Provider]
		b.provides[p] = true
		b.in[p] = true
		b.in[b.pos[g.Beneficiary]] = true
		if t, ok := b.pos[g.Target]; ok {
			b.in[t] = true
		}
		if !walked[p] {
			walked[p] = true
			b.walk(p, func(m int) bool { b.in[m] = true; return false })
		}
	}
}

func (b *builder) nodes(g *Graph) {
	for i, a := range b.acts {
		b.node[i] = -1
		if b.in[i] {
			b.node[i] = int32(len(g.Nodes))
			g.Nodes = append(g.Nodes, Node{Actor: a, Cluster: -1})
		}
	}
	// Veto holders: of each body in the picture, the holders of its rule
	// that are in the picture too.
	for i, a := range b.acts {
		if !b.in[i] || !a.Kind.IsBody() {
			continue
		}
		for _, v := range a.RuleVetoes() {
			if j, ok := b.pos[v]; ok && b.in[j] && j != i {
				n := &g.Nodes[b.node[j]]
				if !slices.Contains(n.Vetoes, a.ID) {
					n.Vetoes = append(n.Vetoes, a.ID)
				}
			}
		}
	}
	for _, v := range b.s.Vetoes {
		if j, ok := b.pos[v.Holder]; ok && b.in[j] {
			n := &g.Nodes[b.node[j]]
			n.Granted = append(n.Granted, v)
		}
	}
}

// clusters decides which bodies are drawn as clusters; see the package
// documentation for the rule.
func (b *builder) clusters(g *Graph) {
	n := len(g.Nodes)
	// act[i] is the actor of node i; pm[i] its members in the picture, as
	// nodes.
	act := make([]int, 0, n)
	for i := range b.acts {
		if b.in[i] {
			act = append(act, i)
		}
	}
	pm := make([][]int32, n)
	for i, a := range act {
		for _, m := range b.members[a] {
			if b.in[m] {
				pm[i] = append(pm[i], b.node[m])
			}
		}
	}
	// height: 0 for an actor with no members in the picture, else one
	// more than its highest member. A loop (invalid) counts as 0.
	height := make([]int32, n)
	state := make([]uint8, n) // 0 new, 1 on the stack, 2 done
	var climb func(i int32) int32
	climb = func(i int32) int32 {
		switch state[i] {
		case 1:
			return 0
		case 2:
			return height[i]
		}
		state[i] = 1
		h := int32(0)
		for _, m := range pm[i] {
			if len(pm[m]) > 0 {
				h = max(h, climb(m)+1)
			} else {
				h = max(h, 1)
			}
		}
		state[i] = 2
		height[i] = h
		return h
	}
	var bodies []int32
	for i := range n {
		if len(pm[i]) > 0 {
			climb(int32(i))
			bodies = append(bodies, int32(i))
		}
	}
	slices.SortStableFunc(bodies, func(x, y int32) int {
		return cmp.Or(cmp.Compare(height[x], height[y]),
			-cmp.Compare(btoi(b.provides[act[x]]), btoi(b.provides[act[y]])),
			cmp.Compare(x, y))
	})
	parent := make([]int32, n) // the body whose cluster holds a node, or -1
	for i := range parent {
		parent[i] = -1
	}
	root := func(x int32) int32 {
		for steps := 0; parent[x] >= 0 && steps <= n; steps++ {
			x = parent[x]
		}
		return x
	}
	isCluster := make([]bool, n)
	for _, p := range bodies {
		deep := false // the members of p at any depth are marked
		ok := true
		rp := root(p) // p itself, unless a membership loop put it in a cluster
		for _, m := range pm[p] {
			r := root(m)
			if r == m && r != rp {
				continue
			}
			if r == rp {
				ok = false
				break
			}
			if !deep {
				b.walk(act[p], func(int) bool { return false })
				deep = true
			}
			if b.visit[act[r]] != b.stamp {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		isCluster[p] = true
		for _, m := range pm[p] {
			if r := root(m); r != p && parent[r] < 0 {
				parent[r] = p
			}
		}
	}
	clusterOf := make([]int, n)
	for i := range n {
		clusterOf[i] = -1
		if isCluster[i] {
			clusterOf[i] = len(g.Clusters)
			g.Clusters = append(g.Clusters, Cluster{Body: i, Parent: -1})
		}
	}
	for ci := range g.Clusters {
		if p := parent[g.Clusters[ci].Body]; p >= 0 {
			g.Clusters[ci].Parent = clusterOf[p]
		}
	}
	for i := range n {
		switch {
		case isCluster[i]:
			g.Nodes[i].Cluster = clusterOf[i]
		case parent[i] >= 0:
			g.Nodes[i].Cluster = clusterOf[parent[i]]
		}
	}
	b.pm, b.isCluster = pm, isCluster
}

func btoi(v bool) int {
	if v {
		return 1
	}
	return 0
}

func (b *builder) edges(g *Graph) {
	n := len(b.kept)
	for i, ms := range b.pm {
		if !b.isCluster[i] {
			n += len(ms)
		}
	}
	g.Edges = make([]Edge, 0, n)
	for _, gi := range b.kept {
		gu := b.s.Guarantees[gi]
		g.Edges = append(g.Edges, Edge{
			Kind:      GuaranteeEdge,
			From:      int(b.node[b.pos[gu.Provider]]),
			To:        int(b.node[b.pos[gu.Beneficiary]]),
			Guarantee: gu,
		})
	}
	for i, ms := range b.pm {
		if b.isCluster[i] {
			continue
		}
		for _, m := range ms {
			g.Edges = append(g.Edges, Edge{Kind: MemberEdge, From: int(m), To: i})
		}
	}
}

// marks links the error findings to the nodes and edges they name.
func (b *builder) marks(g *Graph, r scenario.Report) {
	edgeOf := make(map[guarantee.ID]int, len(b.kept))
	for i, e := range g.Edges {
		if e.Kind == GuaranteeEdge {
			if _, dup := edgeOf[e.Guarantee.ID]; !dup {
				edgeOf[e.Guarantee.ID] = i
			}
		}
	}
	for _, f := range r.Findings {
		if f.Code == scenario.CapturedRenewal || f.Code == scenario.BlockedRenewal || f.Code == scenario.Sunset {
			for _, id := range f.Guarantees {
				if i, ok := edgeOf[id]; ok && g.Edges[i].Lapse == "" {
					g.Edges[i].Lapse = "lapses (" + string(f.Code) + "): " + f.Message
				}
			}
		}
		if f.Severity != scenario.Error {
			continue
		}
		k := len(g.Findings)
		used := false
		for _, a := range f.Actors {
			if i, ok := b.pos[a]; ok && b.in[i] {
				n := &g.Nodes[b.node[i]]
				if !slices.Contains(n.Errors, k) {
					n.Errors = append(n.Errors, k)
				}
				used = true
			}
		}
		for _, id := range f.Guarantees {
			if i, ok := edgeOf[id]; ok {
				e := &g.Edges[i]
				if !slices.Contains(e.Errors, k) {
					e.Errors = append(e.Errors, k)
				}
				used = true
			}
		}
		if used {
			g.Findings = append(g.Findings, f)
		}
	}
}

// check returns an error wrapping ErrMalformed if g's indexes do not hold
// together.
func (g *Graph) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
	}
	n, c, f := len(g.Nodes), len(g.Clusters), len(g.Findings)
	for i, nd := range g.Nodes {
		if nd.Cluster < -1 || nd.Cluster >= c {
			return bad("node %d: cluster %d out of range", i, nd.Cluster)
		}
		for _, k := range nd.Errors {
			if k < 0 || k >= f {
				return bad("node %d: finding %d out of range", i, k)
			}
		}
	}
	owner := make([]int, n)
	for i := range owner {
		owner[i] = -1
	}
	for i, cl := range g.Clusters {
		if cl.Body < 0 || cl.Body >= n {
			return bad("cluster %d: body %d out of range", i, cl.Body)
		}
		if owner[cl.Body] >= 0 {
			return bad("cluster %d: body %d already has cluster %d", i, cl.Body, owner[cl.Body])
		}
		owner[cl.Body] = i
		if g.Nodes[cl.Body].Cluster != i {
			return bad("cluster %d: its body, node %d, is drawn in cluster %d", i, cl.Body, g.Nodes[cl.Body].Cluster)
		}
		if cl.Parent < -1 || cl.Parent >= c {
			return bad("cluster %d: parent %d out of range", i, cl.Parent)
		}
		// A parent chain longer than the clusters is a loop.
		p, steps := cl.Parent, 0
		for ; p >= 0 && steps <= c; steps++ {
			p = g.Clusters[p].Parent
		}
		if p >= 0 {
			return bad("cluster %d: clusters nest in a loop", i)
		}
	}
	for i, e := range g.Edges {
		if e.From < 0 || e.From >= n || e.To < 0 || e.To >= n {
			return bad("edge %d: node out of range", i)
		}
		if e.Kind > MemberEdge {
			return bad("edge %d: invalid kind %d", i, e.Kind)
		}
		for _, k := range e.Errors {
			if k < 0 || k >= f {
				return bad("edge %d: finding %d out of range", i, k)
			}
		}
	}
	return nil
}

// tree is the nesting of nodes in clusters, worked out once per drawing:
// what each cluster holds, in node order, and what stands at the top.
type tree struct {
	// items of a cluster, or of the top level (index len(Clusters)): a
	// node (>= 0) or a cluster (-1 - index). A cluster's own body comes
	// first among its items.
	items [][]int
}

func (g *Graph) tree() tree {
	c := len(g.Clusters)
	t := tree{items: make([][]int, c+1)}
	top := c
	isBody := make([]bool, len(g.Nodes))
	for _, cl := range g.Clusters {
		isBody[cl.Body] = true
	}
	for ci, cl := range g.Clusters {
		t.items[ci] = append(t.items[ci], cl.Body)
	}
	for i, nd := range g.Nodes {
		if isBody[i] {
			cl := g.Clusters[nd.Cluster]
			into := top
			if cl.Parent >= 0 {
				into = cl.Parent
			}
			t.items[into] = append(t.items[into], -1-nd.Cluster)
			continue
		}
		into := top
		if nd.Cluster >= 0 {
			into = nd.Cluster
		}
		t.items[into] = append(t.items[into], i)
	}
	return t
}
