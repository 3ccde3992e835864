package bargain

// The largest-worth package of one choice, when no requires position is in
// the way, is a maximum-weight closure: the set of offers closed under
// requirements with the largest sum of worths. It is a minimum cut
// (Picard, "Maximal closure of a graph and applications to combinatorial
// problems", Management Science 22(11), 1976): an edge from the source to
// each offer worth more than nothing, of that worth; from each offer worth
// less to the sink, of its loss; and an edge of unbounded capacity from
// each offer to each offer it requires. The closure is the source's side
// of a minimum cut, worth the positive worths less the maximum flow; the
// offers the source still reaches in the residual graph are the smallest
// such closure, a subset of every other, so it holds the fewest offers.
//
// The same cut with some offers forced in or out (an unbounded edge from
// the source, or to the sink) is the best closure that holds the first and
// none of the others, again the smallest. The best non-empty closure, or
// the best that meets a requires position, is the best of those that force
// in one offer of a few: see byCuts.

// closure finds the smallest maximum-weight closure of n offers worth w
// (whole units, the sum of their magnitudes below 2^61), offer i requiring
// each of dep[i], among the closures that hold every offer force marks 1
// and none it marks -1 (force may be nil: no offer forced). An offer
// forced in has an unbounded edge from the source, one forced out an
// unbounded edge to the sink. The caller makes sure that some closure
// obeys force: no offer forced in requires, at any depth, one forced out.
// It returns the closure's worth and how many offers it holds, and marks
// them in in, which must have length n.
func (f *flow) closure(w []int64, dep [][]int, force []int8, in []bool) (worth int64, size int) {
	n := len(w)
	src, sink := n, n+1
	f.reset(n + 2)
	var pos, unbounded int64 = 0, 1
	for _, x := range w {
		unbounded += max(x, -x)
	}
	for i, x := range w {
		switch {
		case x > 0:
			f.edge(src, i, x)
			pos += x
		case x < 0:
			f.edge(i, sink, -x)
		}
		if force != nil {
			switch force[i] {
			case 1:
				f.edge(src, i, unbounded)
			case -1:
				f.edge(i, sink, unbounded)
			}
		}
	}
	// Every cut that obeys force costs less than unbounded, so no minimum
	// cut takes an unbounded edge.
	for i, ds := range dep {
		for _, j := range ds {
			f.edge(i, j, unbounded)
		}
	}
	cut := f.max(src, sink)
	f.bfs(src, -1)
	for i := range n {
		if in[i] = f.level[i] >= 0; in[i] {
			size++
		}
	}
	return pos - cut, size
}

// flow is a maximum flow by Dinic's method, its memory kept from one
// graph to the next.
type flow struct {
	head        []int32 // per node, its last edge, or -1
	next, to    []int32 // per edge; edge e^1 is e's reverse
	cap         []int64 // per edge, what it can still carry
	level, iter []int32
	queue       []int32
}

func (f *flow) reset(n int) {
	f.head = grown(f.head, n)
	for i := range f.head {
		f.head[i] = -1
	}
	f.level, f.iter = grown(f.level, n), grown(f.iter, n)
	f.next, f.to, f.cap = f.next[:0], f.to[:0], f.cap[:0]
}

func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// edge adds an edge from a to b of capacity c, and its reverse.
func (f *flow) edge(a, b int, c int64) {
	for _, e := range [2]struct {
		from, to int
		cap      int64
	}{{a, b, c}, {b, a, 0}} {
		f.next = append(f.next, f.head[e.from])
		f.head[e.from] = int32(len(f.to))
		f.to = append(f.to, int32(e.to))
		f.cap = append(f.cap, e.cap)
	}
}

// bfs sets the level of every node the source reaches through edges with
// room left, -1 for the others, and reports whether it reaches sink
// (none when sink is -1).
func (f *flow) bfs(src, sink int) bool {
	for i := range f.level {
		f.level[i] = -1
	}
	f.level[src] = 0
	f.queue = append(f.queue[:0], int32(src))
	for k := 0; k < len(f.queue); k++ {
		a := f.queue[k]
		for e := f.head[a]; e >= 0; e = f.next[e] {
			if b := f.to[e]; f.cap[e] > 0 && f.level[b] < 0 {
				f.level[b] = f.level[a] + 1
				f.queue = append(f.queue, b)
			}
		}
	}
	return sink >= 0 && f.level[sink] >= 0
}

// max returns the maximum flow from src to sink, leaving the residual
// capacities in cap.
func (f *flow) max(src, sink int) int64 {
	var total int64
	for f.bfs(src, sink) {
		copy(f.iter, f.head)
		for {
			pushed := f.push(int32(src), int32(sink), 1<<62)
			if pushed == 0 {
				break
			}
			total += pushed
		}
	}
	return total
}

// push sends up to limit from a toward sink along edges that go one level
// up, and returns how much it sent.
func (f *flow) push(a, sink int32, limit int64) int64 {
	if a == sink {
		return limit
	}
	for ; f.iter[a] >= 0; f.iter[a] = f.next[f.iter[a]] {
		e := f.iter[a]
		b := f.to[e]
		if f.cap[e] <= 0 || f.level[b] != f.level[a]+1 {
			continue
		}
		if d := f.push(b, sink, min(limit, f.cap[e])); d > 0 {
			f.cap[e] -= d
			f.cap[e^1] += d
			return d
		}
	}
	return 0
}
