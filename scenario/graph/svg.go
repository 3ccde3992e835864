package graph

import (
	"cmp"
	"hash/fnv"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/entente-go/entente/internal/safe"
)

// WriteSVG draws the picture as SVG without Graphviz, with a layout of its
// own, for embedding in a self-contained HTML page: one <svg> element with
// its namespace, a viewBox, width="100%", role="img" and aria-labelledby
// naming its <title> and <desc>; no external reference (no href, no
// url(...)), no script, no style sheet, system fonts only. Every node and
// edge carries a <title>, shown as a tooltip. The ids of the title and
// description are derived from what is drawn, so that two pictures of
// different scenarios can share a page.
//
// # Layout
//
// The layout is layered, left to right, and deterministic. A cluster and
// what it holds (or a node outside any cluster) is a block, drawn as a
// rounded box with its members stacked under its body. Blocks go into
// columns by the longest chain of edges that leads to them (providers and
// members on the left, those who only receive on the right; an edge
// closing a cycle is left out of that count); blocks with no edge at all
// go to the middle column. A few sweeps order each column by the mean
// position of each block's neighbours, to uncross edges. Each edge leaves
// its source on the right, runs straight past the column with its label
// (the kind above the line, strength and target below), then curves to
// the left side of its target, or, when the target is not further right,
// back to the target's right side. A node is tall enough for a labelled
// edge to leave it every 30 pixels, so labels never overlap.
//
// The cost is linear in nodes and edges, but for the sorts.
func (g Graph) WriteSVG(w io.Writer) error {
	if err := g.check(); err != nil {
		return err
	}
	l := newLayout(&g)
	s := svgWriter{g: &g, l: l, out: out{w: w, b: make([]byte, 0, spillAt+4096)}}
	s.draw()
	return s.flush()
}

// Sizes of the SVG layout, in pixels.
const (
	fontNode   = 12.0
	fontEdge   = 11.0
	fontTitle  = 16.0
	lineNode   = 15.0 // line height in nodes
	padX       = 10.0 // inside a node, left and right
	padY       = 6.0  // inside a node, top and bottom
	chamfer    = 8.0  // cut corners of a body
	slotLabel  = 34.0 // height a labelled edge takes where it leaves a node
	slotPlain  = 12.0 // height a membership edge takes there
	slotIn     = 9.0  // height an edge takes where it enters a node
	clusterPad = 10.0
	clusterTop = 22.0 // room for a cluster's label
	itemGap    = 10.0 // between the items of a cluster
	blockGap   = 22.0 // between blocks in a column
	margin     = 20.0
	arrowLen   = 9.0
	arrowHalf  = 4.5
	curveRoom  = 70.0 // in a gap between columns, beyond the labels
)

type rect struct{ x, y, w, h float64 }

func (r rect) right() float64 { return r.x + r.w }
func (r rect) midY() float64  { return r.y + r.h/2 }

// layout is where everything goes.
type layout struct {
	nodes    []rect
	clusters []rect
	depth    []int // of each cluster, 0 at the top
	lines    [][]string
	layer    []int // of each node

	colX, colRight []float64 // edges of each column
	edges          []edgeGeom
	runs           []run // the edges' runs through columns they cross

	width, height float64
	top           float64 // where the drawing starts, under the title and legend
	legend        []legendItem
}

// edgeGeom is how an edge runs: it leaves its source at x1, y1, runs
// straight past its label to sx, through the runs of the columns it
// crosses, and curves into its target, the arrow's tip at x2, y2.
type edgeGeom struct {
	x1, y1     float64
	lx, labelW float64 // where the label starts, and its width
	sx         float64
	runs       [2]int32 // runs[0]:runs[1] in layout.runs
	x2, y2     float64
	forward    bool    // into the target's left side, pointing right
	bend       float64 // else, x of the loop back to the target's right side
}

// run is a straight stretch of an edge across a column, at height y,
// in a lane of its own.
type run struct{ xa, xb, y float64 }

// An item is what a column holds: a block (a cluster or a node outside
// any) or a lane, through which an edge crosses a column.
type item struct {
	block int32 // index in the blocks, or -1 for a lane
	layer int
	h, y  float64
}

const laneH = 10.0

func newLayout(g *Graph) *layout {
	l := &layout{
		nodes:    make([]rect, len(g.Nodes)),
		clusters: make([]rect, len(g.Clusters)),
		depth:    make([]int, len(g.Clusters)),
		lines:    make([][]string, len(g.Nodes)),
		layer:    make([]int, len(g.Nodes)),
		edges:    make([]edgeGeom, len(g.Edges)),
	}
	l.measure(g)
	t := g.tree()
	for ci := range g.Clusters {
		d := 0
		for p := g.Clusters[ci].Parent; p >= 0; p = g.Clusters[p].Parent {
			d++
		}
		l.depth[ci] = d
	}
	blocks := t.items[len(g.Clusters)]
	nb := len(blocks)
	bw := make([]float64, nb)
	blockOf := make([]int32, len(g.Nodes))
	items := make([]item, nb)
	for b, it := range blocks {
		var h float64
		bw[b], h = l.size(g, &t, it)
		items[b] = item{block: int32(b), h: h}
		l.mark(&t, it, int32(b), blockOf)
	}
	layer := layerBlocks(g, blockOf, nb)
	for b := range nb {
		items[b].layer = layer[b]
	}

	// Lanes for the edges that cross columns, and the arcs between
	// neighbouring items along every edge, for ordering.
	type arc struct{ from, to int32 }
	lanes := 0
	for _, e := range g.Edges {
		if f, t := blockOf[e.From], blockOf[e.To]; f != t {
			lanes += max(0, layer[t]-layer[f]-1)
		}
	}
	items = slices.Grow(items, lanes)
	arcs := make([]arc, 0, lanes+len(g.Edges))
	l.runs = make([]run, 0, lanes)
	laneOf := make([][2]int32, len(g.Edges)) // items[laneOf[0]:laneOf[1]]
	for i, e := range g.Edges {
		f, t := blockOf[e.From], blockOf[e.To]
		if f == t {
			continue
		}
		prev := f
		laneOf[i][0] = int32(len(items))
		for L := layer[f] + 1; L < layer[t]; L++ {
			v := int32(len(items))
			items = append(items, item{block: -1, layer: L, h: laneH})
			arcs = append(arcs, arc{prev, v})
			prev = v
		}
		laneOf[i][1] = int32(len(items))
		arcs = append(arcs, arc{prev, t})
	}
	maxL := 0
	for _, L := range layer {
		maxL = max(maxL, L)
	}
	cols := make([][]int32, maxL+1)
	for k, it := range items {
		cols[it.layer] = append(cols[it.layer], int32(k))
	}
	// Order the columns: four sweeps, alternately rightwards and
	// leftwards, each sorting a column by the mean position of the
	// items' neighbours on the side already swept, stably, so that ties
	// keep the previous order.
	pos := make([]float64, len(items))
	setPos := func(col []int32) {
		for k, v := range col {
			pos[v] = (float64(k) + 0.5) / float64(len(col))
		}
	}
	for _, col := range cols {
		setPos(col)
	}
	sum := make([]float64, len(items))
	cnt := make([]int32, len(items))
	for sweep := range 4 {
		right := sweep%2 == 0
		clear(sum)
		clear(cnt)
		// Neighbours on the side already swept: for a rightward sweep
		// those in columns to the left.
		for _, a := range arcs {
			lf, lt := items[a.from].layer, items[a.to].layer
			if right && lf < lt || !right && lf > lt {
				sum[a.to] += pos[a.from]
				cnt[a.to]++
			}
			if right && lt < lf || !right && lt > lf {
				sum[a.from] += pos[a.to]
				cnt[a.from]++
			}
		}
		for c := range cols {
			L := c
			if !right {
				L = len(cols) - 1 - c
			}
			col := cols[L]
			if len(col) < 2 {
				continue
			}
			key := func(v int32) float64 {
				if cnt[v] > 0 {
					return sum[v] / float64(cnt[v])
				}
				return pos[v]
			}
			slices.SortStableFunc(col, func(a, b int32) int { return cmp.Compare(key(a), key(b)) })
			setPos(col)
		}
	}

	// Columns: widths, and the gaps their labels need.
	colW := make([]float64, maxL+1)
	labelW := make([]float64, maxL+1)
	for b := range nb {
		colW[layer[b]] = max(colW[layer[b]], bw[b])
	}
	for i, e := range g.Edges {
		if e.Kind != GuaranteeEdge {
			continue
		}
		w := 0.0
		for _, line := range e.lines() {
			w = max(w, textWidth(line, fontEdge))
		}
		l.edges[i].labelW = w
		L := layer[blockOf[e.From]]
		labelW[L] = max(labelW[L], w)
	}
	l.legend = legendItems()
	title, sub := g.caption()
	headW := max(textWidth(title, fontTitle)*1.08, textWidth(sub, fontNode))
	x := margin
	l.colX = make([]float64, maxL+1)
	l.colRight = make([]float64, maxL+1)
	for L := range cols {
		l.colX[L] = x
		x += colW[L]
		l.colRight[L] = x
		x += labelW[L] + curveRoom
	}
	contentW := x - curveRoom + margin
	legendH := placeLegend(l.legend, max(contentW, headW+2*margin, 900)-2*margin)
	l.top = margin + 24 + 20 + legendH + 16

	// Stack each column, centred on the tallest.
	gap := func(a, b int32) float64 {
		switch {
		case items[a].block < 0 && items[b].block < 0:
			return 4
		case items[a].block < 0 || items[b].block < 0:
			return 12
		}
		return blockGap
	}
	colH := make([]float64, maxL+1)
	maxH := 0.0
	for L, col := range cols {
		for k, v := range col {
			if k > 0 {
				colH[L] += gap(col[k-1], v)
			}
			colH[L] += items[v].h
		}
		maxH = max(maxH, colH[L])
	}
	for L, col := range cols {
		y := l.top + (maxH-colH[L])/2
		for k, v := range col {
			if k > 0 {
				y += gap(col[k-1], v)
			}
			items[v].y = y
			if b := items[v].block; b >= 0 {
				l.place(&t, blocks[b], l.colX[L], y)
			}
			y += items[v].h
		}
	}
	for i := range g.Nodes {
		l.layer[i] = layer[blockOf[i]]
	}
	for i := range g.Edges {
		lo, hi := laneOf[i][0], laneOf[i][1]
		l.edges[i].runs = [2]int32{int32(len(l.runs)), int32(len(l.runs)) + hi - lo}
		for v := lo; v < hi; v++ {
			L := items[v].layer
			// Through the column and the labels beside it.
			xb := l.colRight[L]
			if labelW[L] > 0 {
				xb += labelW[L] + 14
			}
			l.runs = append(l.runs, run{l.colX[L], xb, items[v].y + laneH/2})
		}
	}
	l.route(g)

	right := contentW
	for _, e := range l.edges {
		if !e.forward {
			right = max(right, e.bend+margin)
		}
	}
	l.width = math.Ceil(max(right, headW+2*margin, legendWidth(l.legend)+2*margin))
	bottom := l.top + maxH
	for _, e := range l.edges {
		bottom = max(bottom, e.y1+16, e.y2+8)
	}
	l.height = math.Ceil(bottom + margin)
	return l
}

// measure sizes the nodes: their text, or the edges leaving them,
// whichever is taller.
func (l *layout) measure(g *Graph) {
	slots := make([]float64, len(g.Nodes))
	ins := make([]float64, len(g.Nodes))
	for _, e := range g.Edges {
		slots[e.From] += slotOf(e.Kind)
		ins[e.To] += slotIn
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		lines := n.lines()
		l.lines[i] = lines
		w := 0.0
		for j, line := range lines {
			tw := textWidth(line, fontNode)
			if j == 0 {
				tw *= 1.1 // bold
			}
			w = max(w, tw)
		}
		w += 2 * padX
		if n.Actor.Kind.IsBody() {
			w += 2 * chamfer
		}
		h := float64(len(lines))*lineNode + 2*padY
		h = max(h, slots[i]+8, ins[i]+8)
		l.nodes[i] = rect{w: math.Ceil(max(w, 56)), h: h}
	}
}

// size returns the size of item it of the tree (a node, or the cluster
// -1-it), working out the sizes of clusters.
func (l *layout) size(g *Graph, t *tree, it int) (w, h float64) {
	if it >= 0 {
		return l.nodes[it].w, l.nodes[it].h
	}
	ci := -1 - it
	h = clusterTop
	for k, sub := range t.items[ci] {
		sw, sh := l.size(g, t, sub)
		w = max(w, sw)
		if k > 0 {
			h += itemGap
		}
		h += sh
	}
	w = max(w+2*clusterPad, textWidth(clusterLabel(g.Nodes[g.Clusters[ci].Body].Actor), fontEdge)*1.1+2*clusterPad)
	h += clusterPad
	l.clusters[ci] = rect{w: w, h: h}
	return w, h
}

// mark records block b as the block of every node in item it.
func (l *layout) mark(t *tree, it int, b int32, blockOf []int32) {
	if it >= 0 {
		blockOf[it] = b
		return
	}
	for _, sub := range t.items[-1-it] {
		l.mark(t, sub, b, blockOf)
	}
}

// place puts item it, measured, with its top left corner at x, y.
func (l *layout) place(t *tree, it int, x, y float64) {
	if it >= 0 {
		l.nodes[it].x, l.nodes[it].y = x, y
		return
	}
	ci := -1 - it
	l.clusters[ci].x, l.clusters[ci].y = x, y
	y += clusterTop
	for _, sub := range t.items[ci] {
		l.place(t, sub, x+clusterPad, y)
		if sub >= 0 {
			y += l.nodes[sub].h
		} else {
			y += l.clusters[-1-sub].h
		}
		y += itemGap
	}
}

// layerBlocks puts each block in a column: the longest path of edges that
// leads to it, edges that close a cycle left out (found by a depth-first
// search in block order); blocks with no edge in the middle column, and
// blocks that receive a guarantee and send nothing in the last.
func layerBlocks(g *Graph, blockOf []int32, nb int) []int {
	type arc struct{ from, to int32 }
	var arcs []arc
	inGuarantee := make([]bool, nb)
	degree := make([]int, nb)
	for _, e := range g.Edges {
		f, t := blockOf[e.From], blockOf[e.To]
		if f == t {
			continue
		}
		arcs = append(arcs, arc{f, t})
		degree[f]++
		degree[t]++
		if e.Kind == GuaranteeEdge {
			inGuarantee[t] = true
		}
	}
	// Out-arcs of each block, in compressed form.
	start := make([]int32, nb+1)
	for _, a := range arcs {
		start[a.from+1]++
	}
	for b := range nb {
		start[b+1] += start[b]
	}
	next := slices.Clone(start[:nb])
	out := make([]int32, len(arcs))
	for _, a := range arcs {
		out[next[a.from]] = a.to
		next[a.from]++
	}
	back := make([]bool, len(arcs)) // by position in out
	state := make([]uint8, nb)      // 0 new, 1 on the stack, 2 done
	post := make([]int32, 0, nb)
	type frame struct{ b, k int32 }
	var stack []frame
	for root := range nb {
		if state[root] != 0 {
			continue
		}
		state[root] = 1
		stack = append(stack[:0], frame{int32(root), start[root]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.k == start[f.b+1] {
				state[f.b] = 2
				post = append(post, f.b)
				stack = stack[:len(stack)-1]
				continue
			}
			k := f.k
			f.k++
			switch to := out[k]; state[to] {
			case 1:
				back[k] = true
			case 0:
				state[to] = 1
				stack = append(stack, frame{to, start[to]})
			}
		}
	}
	layer := make([]int, nb)
	sends := make([]bool, nb)
	for i := len(post) - 1; i >= 0; i-- {
		b := post[i]
		for k := start[b]; k < start[b+1]; k++ {
			if !back[k] {
				layer[out[k]] = max(layer[out[k]], layer[b]+1)
				sends[b] = true
			}
		}
	}
	maxL := 0
	for _, L := range layer {
		maxL = max(maxL, L)
	}
	for b := range nb {
		switch {
		case degree[b] == 0:
			layer[b] = maxL / 2
		case !sends[b] && inGuarantee[b]:
			layer[b] = maxL
		}
	}
	return layer
}

// route works out where each edge leaves and enters its nodes and how it
// runs.
func (l *layout) route(g *Graph) {
	n := len(g.Nodes)
	outs := make([][]int32, n)
	ins := make([][]int32, n)
	for i, e := range g.Edges {
		outs[e.From] = append(outs[e.From], int32(i))
		ins[e.To] = append(ins[e.To], int32(i))
	}
	// Edges leave in the order of where they go next, and arrive in the
	// order of where they come from, to uncross them.
	firstY := func(k int32) float64 {
		if eg := &l.edges[k]; eg.runs[1] > eg.runs[0] {
			return l.runs[eg.runs[0]].y
		}
		return l.nodes[g.Edges[k].To].midY()
	}
	lastY := func(k int32) float64 {
		if eg := &l.edges[k]; eg.runs[1] > eg.runs[0] {
			return l.runs[eg.runs[1]-1].y
		}
		return l.nodes[g.Edges[k].From].midY()
	}
	for i := range n {
		r := l.nodes[i]
		if o := outs[i]; len(o) > 0 {
			slices.SortStableFunc(o, func(a, b int32) int { return cmp.Compare(firstY(a), firstY(b)) })
			total := 0.0
			for _, k := range o {
				total += slotOf(g.Edges[k].Kind)
			}
			y := r.y + (r.h-total)/2
			for _, k := range o {
				s := slotOf(g.Edges[k].Kind)
				l.edges[k].x1, l.edges[k].y1 = r.right(), y+s/2
				y += s
			}
		}
		if in := ins[i]; len(in) > 0 {
			slices.SortStableFunc(in, func(a, b int32) int { return cmp.Compare(lastY(a), lastY(b)) })
			for k, e := range in {
				l.edges[e].y2 = r.y + r.h*float64(k+1)/float64(len(in)+1)
			}
		}
	}
	for i, e := range g.Edges {
		eg := &l.edges[i]
		src, dst := l.nodes[e.From], l.nodes[e.To]
		eg.lx = l.colRight[l.layer[e.From]] + 8
		eg.sx = eg.lx
		if e.Kind == GuaranteeEdge {
			eg.sx += eg.labelW + 6
		}
		if l.layer[e.To] > l.layer[e.From] {
			eg.forward = true
			eg.x2 = dst.x
			continue
		}
		// Back to the target's right side, in a loop to the right.
		eg.x2 = dst.right()
		if e.From == e.To && math.Abs(eg.y2-eg.y1) < 12 {
			eg.y2 = eg.y1 + 12
			if eg.y2 > src.y+src.h {
				eg.y2 = eg.y1 - 12
			}
		}
		eg.bend = max(eg.sx, eg.x2+arrowLen) + 30 + math.Min(math.Abs(eg.y2-eg.y1)/8, 60)
	}
}

func slotOf(k EdgeKind) float64 {
	if k == MemberEdge {
		return slotPlain
	}
	return slotLabel
}

// textWidth estimates the width of s in a sans-serif font of the given
// size, erring wide: no font is at hand to measure with, so it takes the
// widths of DejaVu Sans, wider than most system fonts.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += float64(asciiWidth[r-' ']) / 1000
		case r >= 0x300 && r < 0x370, r == 0x200d, r >= 0xfe00 && r < 0xfe10:
			// combining marks, joiners and variation selectors
		case r < 0x2000:
			w += 0.72
		case r < 0x1f000:
			w += 1.0 // symbols and wide scripts
		default:
			w += 1.25 // emoji
		}
	}
	return w * size
}

// asciiWidth holds the advance widths of DejaVu Sans, in thousandths of
// an em, from ' ' to '~'.
var asciiWidth = [...]uint16{
	318, 400, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // ' ' to '/'
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, // '0' to '?'
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, // '@' to 'O'
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, // 'P' to '_'
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, // '`' to 'o'
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, // 'p' to '~'
}

// legendItem is one entry of the legend: a sample and what it means.
type legendItem struct {
	kind   int // legend* below
	text   string
	x, y   float64
	sample float64 // width of the sample
}

const (
	legendState = iota
	legendBody
	legendCluster
	legendError
	legendVeto
	legendGuarantee
	legendErrorEdge
	legendMember
)

const legendRow = 34.0

func legendItems() []legendItem {
	return []legendItem{
		{kind: legendState, text: "state", sample: 44},
		{kind: legendBody, text: "body: alliance, organization or coalition", sample: 44},
		{kind: legendCluster, text: "box: a body and its members", sample: 86},
		{kind: legendError, text: "named by an error finding: ⚠, thick red border", sample: 52},
		{kind: legendVeto, text: "veto holder: can block body X, or holds a veto the deal grants", sample: 78},
		{kind: legendGuarantee, text: "guarantee, provider → beneficiary: kind, strength, target", sample: 60},
		{kind: legendErrorEdge, text: "guarantee named by an error finding: ⚠, thick red line", sample: 60},
		{kind: legendMember, text: "member of (dashed): a membership no box shows", sample: 60},
	}
}

// placeLegend lays the legend out in rows no wider than width, from 0, 0,
// and returns its height.
func placeLegend(items []legendItem, width float64) float64 {
	x, y := 0.0, 0.0
	for i := range items {
		it := &items[i]
		w := it.sample + 8 + textWidth(it.text, fontEdge)
		if x > 0 && x+w > width {
			x, y = 0, y+legendRow
		}
		it.x, it.y = x, y
		x += w + 24
	}
	return y + legendRow
}

func legendWidth(items []legendItem) float64 {
	w := 0.0
	for _, it := range items {
		w = max(w, it.x+it.sample+8+textWidth(it.text, fontEdge))
	}
	return w
}

type svgWriter struct {
	g *Graph
	l *layout
	out
	tip []byte // scratch for tooltips
}

func (s *svgWriter) draw() {
	g, l := s.g, s.l
	id := s.idPrefix()
	title, sub := g.caption()
	s.raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `).num(l.width).raw(" ").num(l.height).
		raw(`" width="100%" role="img" aria-labelledby="`).raw(id).raw(`-title `).raw(id).raw(`-desc"`).
		raw(` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="12">` + "\n")
	s.raw(`<title id="`).raw(id).raw(`-title">`).text(title).raw("</title>\n")
	s.raw(`<desc id="`).raw(id).raw(`-desc">`).text(sub + ". " + description).raw("</desc>\n")
	s.raw(`<rect width="`).num(l.width).raw(`" height="`).num(l.height).raw(`" fill="#ffffff"/>` + "\n")
	s.raw(`<text x="`).num(margin).raw(`" y="`).num(margin + 16).raw(`" font-size="16" font-weight="bold" fill="` + colInk + `">`).text(title).raw("</text>\n")
	s.raw(`<text x="`).num(margin).raw(`" y="`).num(margin + 36).raw(`" fill="` + colInk + `">`).text(sub).raw("</text>\n")
	s.legend(margin, margin+24+20)

	s.raw(`<g stroke="` + colCluster + `" stroke-width="1">` + "\n")
	// Outer clusters first, so that inner ones are drawn over them.
	order := make([]int, len(g.Clusters))
	for ci := range order {
		order[ci] = ci
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(l.depth[a], l.depth[b]) })
	for _, ci := range order {
		s.cluster(ci)
		s.spill()
	}
	s.raw("</g>\n")

	s.raw(`<g fill="none">` + "\n")
	for i := range g.Edges {
		s.edge(i)
		s.spill()
	}
	s.raw("</g>\n")

	s.raw(`<g>` + "\n")
	for i := range g.Nodes {
		s.node(i)
		s.spill()
	}
	s.raw("</g>\n")

	s.raw(`<g font-size="11" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">` + "\n")
	for i := range g.Edges {
		s.label(i)
		s.spill()
	}
	s.raw("</g>\n</svg>\n")
}

// description says, in the SVG's <desc>, how to read the picture.
const description = "Actors are nodes: states as rounded boxes, bodies as boxes with cut corners. " +
	"A box labelled members of X holds body X and its members. " +
	"Arrows are guarantees from provider to beneficiary, labelled with kind, strength and target; " +
	"dashed arrows with hollow heads go from a member to a body that no box shows. " +
	"⚠ with a thick red line marks an actor or guarantee named by an error finding; " +
	"veto: with a double border marks an actor that can block a body in the picture (deal: holds a veto the deal grants)."

// idPrefix returns an id prefix for the SVG's title and description,
// derived from what the picture holds.
func (s *svgWriter) idPrefix() string {
	h := fnv.New64a()
	io.WriteString(h, s.g.Name)
	io.WriteString(h, "\x00"+s.g.Options.String())
	for _, n := range s.g.Nodes {
		io.WriteString(h, "\x00"+string(n.Actor.ID))
	}
	for _, e := range s.g.Edges {
		io.WriteString(h, "\x00"+string(e.Guarantee.ID)+"\x00"+strconv.Itoa(e.From)+">"+strconv.Itoa(e.To))
	}
	return "entente-graph-" + strconv.FormatUint(h.Sum64(), 16)
}

func (s *svgWriter) cluster(ci int) {
	r := s.l.clusters[ci]
	fill := colFill0
	if s.l.depth[ci]%2 == 1 {
		fill = colFill1
	}
	body := s.g.Nodes[s.g.Clusters[ci].Body].Actor
	s.raw(`<g><title>`).text(safe.Clean(string(body.ID)) + " and its members in the picture").raw("</title>")
	s.raw(`<rect x="`).num(r.x).raw(`" y="`).num(r.y).raw(`" width="`).num(r.w).raw(`" height="`).num(r.h).
		raw(`" rx="10" fill="` + fill + `"/>`)
	s.raw(`<text x="`).num(r.x + 8).raw(`" y="`).num(r.y + 15).raw(`" font-size="11" font-style="italic" stroke="none" fill="#44515e">`).
		text(clusterLabel(body)).raw("</text></g>\n")
}

func (s *svgWriter) node(i int) {
	n := &s.g.Nodes[i]
	r := s.l.nodes[i]
	stroke, width, fill := colLine, "1.2", "#ffffff"
	if n.Actor.Kind.IsBody() {
		fill = colBody
	}
	if n.HoldsVeto() {
		fill = colVeto
	}
	if n.HasError() {
		stroke, width = colError, errorWidth
	}
	s.raw(`<g><title>`).tipOf(s.g.nodeTip, i).raw("</title>")
	body := n.Actor.Kind.IsBody()
	s.shape(r, body, fill, stroke, width)
	if n.HoldsVeto() {
		in := rect{r.x + 3.5, r.y + 3.5, r.w - 7, r.h - 7}
		s.shape(in, body, "none", stroke, "1")
	}
	lines := s.l.lines[i]
	y := r.y + (r.h-float64(len(lines))*lineNode)/2 + 11.5
	for j, line := range lines {
		s.raw(`<text x="`).num(r.x + r.w/2).raw(`" y="`).num(y).raw(`" text-anchor="middle" fill="` + colInk + `"`)
		if j == 0 {
			s.raw(` font-weight="bold"`)
		}
		s.raw(">").text(line).raw("</text>")
		y += lineNode
	}
	s.raw("</g>\n")
}

// shape draws a rounded box, or for a body a box with cut corners.
func (s *svgWriter) shape(r rect, body bool, fill, stroke, width string) {
	if !body {
		s.raw(`<rect x="`).num(r.x).raw(`" y="`).num(r.y).raw(`" width="`).num(r.w).raw(`" height="`).num(r.h).
			raw(`" rx="8" fill="`).raw(fill).raw(`" stroke="`).raw(stroke).raw(`" stroke-width="`).raw(width).raw(`"/>`)
		return
	}
	c := min(chamfer, r.h/3, r.w/3)
	s.raw(`<polygon points="`)
	pts := [...]float64{
		r.x + c, r.y, r.x + r.w - c, r.y, r.x + r.w, r.y + c, r.x + r.w, r.y + r.h - c,
		r.x + r.w - c, r.y + r.h, r.x + c, r.y + r.h, r.x, r.y + r.h - c, r.x, r.y + c,
	}
	for k := 0; k < len(pts); k += 2 {
		if k > 0 {
			s.raw(" ")
		}
		s.num(pts[k]).raw(",").num(pts[k+1])
	}
	s.raw(`" fill="`).raw(fill).raw(`" stroke="`).raw(stroke).raw(`" stroke-width="`).raw(width).raw(`"/>`)
}

func (s *svgWriter) edge(i int) {
	e := &s.g.Edges[i]
	eg := &s.l.edges[i]
	stroke, width, dash := colLine, "1.3", ""
	switch {
	case e.Kind == MemberEdge:
		stroke, width, dash = colMember, "1.2", ` stroke-dasharray="6 4"`
	case e.HasError():
		stroke, width = colError, errorWidth
	}
	if e.Kind == GuaranteeEdge && e.Lapses() {
		dash = ` stroke-dasharray="2 3"`
	}
	end := eg.x2 - arrowLen
	if !eg.forward {
		end = eg.x2 + arrowLen
	}
	s.raw(`<g><title>`).tipOf(s.g.edgeTip, i).raw("</title>")
	s.raw(`<path d="M`).num(eg.x1).raw(",").num(eg.y1).raw("H").num(eg.sx)
	px, py := eg.sx, eg.y1
	curve := func(x, y float64) {
		d := max(10, (x-px)/2)
		s.raw("C").num(px + d).raw(",").num(py).raw(" ").num(x - d).raw(",").num(y).raw(" ").num(x).raw(",").num(y)
	}
	for _, r := range s.l.runs[eg.runs[0]:eg.runs[1]] {
		curve(r.xa, r.y)
		s.raw("H").num(r.xb)
		px, py = r.xb, r.y
	}
	if eg.forward {
		curve(end, eg.y2)
	} else {
		s.raw("C").num(eg.bend).raw(",").num(py).raw(" ").num(eg.bend).raw(",").num(eg.y2).raw(" ").num(end).raw(",").num(eg.y2)
	}
	s.raw(`" stroke="`).raw(stroke).raw(`" stroke-width="`).raw(width).raw(`"`).raw(dash).raw("/>")
	// The arrowhead: filled for a guarantee, hollow for a membership.
	fill := stroke
	if e.Kind == MemberEdge {
		fill = "#ffffff"
	}
	half := arrowHalf
	if e.HasError() {
		half += 1
	}
	s.raw(`<polygon points="`).num(eg.x2).raw(",").num(eg.y2).raw(" ").
		num(end).raw(",").num(eg.y2 - half).raw(" ").num(end).raw(",").num(eg.y2 + half).
		raw(`" fill="`).raw(fill).raw(`" stroke="`).raw(stroke).raw(`" stroke-width="1"/>`)
	s.raw("</g>\n")
}

func (s *svgWriter) label(i int) {
	e := &s.g.Edges[i]
	if e.Kind != GuaranteeEdge {
		return
	}
	eg := &s.l.edges[i]
	lines := e.lines()
	fill := colInk
	if e.HasError() {
		fill = colErrorText
	}
	s.raw(`<text x="`).num(eg.lx).raw(`" y="`).num(eg.y1 - 4).raw(`" fill="`).raw(fill).raw(`">`).text(lines[0]).raw("</text>")
	s.raw(`<text x="`).num(eg.lx).raw(`" y="`).num(eg.y1 + 12).raw(`" fill="`).raw(fill).raw(`">`).text(lines[1]).raw("</text>\n")
}

func (s *svgWriter) legend(x0, y0 float64) {
	s.raw(`<g font-size="11">` + "\n")
	for _, it := range s.l.legend {
		x, y := x0+it.x, y0+it.y
		mid := y + 13
		switch it.kind {
		case legendState:
			s.shape(rect{x, y + 2, it.sample, 22}, false, "#ffffff", colLine, "1.2")
			s.sampleText(x+it.sample/2, mid+4, "ID")
		case legendBody:
			s.shape(rect{x, y + 2, it.sample, 22}, true, colBody, colLine, "1.2")
			s.sampleText(x+it.sample/2, mid+4, "X")
		case legendCluster:
			s.raw(`<rect x="`).num(x).raw(`" y="`).num(y).raw(`" width="`).num(it.sample).raw(`" height="26" rx="8" fill="` + colFill0 + `" stroke="` + colCluster + `"/>`)
			s.raw(`<text x="`).num(x + 6).raw(`" y="`).num(y + 16).raw(`" font-style="italic" fill="#44515e">members of X</text>`)
		case legendError:
			s.shape(rect{x, y + 2, it.sample, 22}, false, "#ffffff", colError, errorWidth)
			s.sampleText(x+it.sample/2, mid+4, errorMark+"ID")
		case legendVeto:
			s.shape(rect{x, y + 2, it.sample, 22}, false, colVeto, colLine, "1.2")
			s.shape(rect{x + 3.5, y + 5.5, it.sample - 7, 15}, false, "none", colLine, "1")
			s.sampleText(x+it.sample/2, mid+4, vetoMark+"X")
		case legendGuarantee, legendErrorEdge, legendMember:
			stroke, width, dash, fill := colLine, "1.3", "", colLine
			switch it.kind {
			case legendErrorEdge:
				stroke, width, fill = colError, errorWidth, colError
			case legendMember:
				stroke, width, dash, fill = colMember, "1.2", ` stroke-dasharray="6 4"`, "#ffffff"
			}
			tip := x + it.sample
			s.raw(`<path d="M`).num(x).raw(",").num(mid).raw("H").num(tip - arrowLen).raw(`" fill="none" stroke="`).raw(stroke).raw(`" stroke-width="`).raw(width).raw(`"`).raw(dash).raw("/>")
			s.raw(`<polygon points="`).num(tip).raw(",").num(mid).raw(" ").num(tip - arrowLen).raw(",").num(mid - arrowHalf).raw(" ").num(tip - arrowLen).raw(",").num(mid + arrowHalf).
				raw(`" fill="`).raw(fill).raw(`" stroke="`).raw(stroke).raw(`"/>`)
			if it.kind == legendErrorEdge {
				s.raw(`<text x="`).num(x + 4).raw(`" y="`).num(mid - 4).raw(`" fill="` + colErrorText + `">⚠</text>`)
			}
		}
		s.raw(`<text x="`).num(x + it.sample + 8).raw(`" y="`).num(mid + 4).raw(`" fill="` + colInk + `">`).text(it.text).raw("</text>\n")
	}
	s.raw("</g>\n")
}

func (s *svgWriter) sampleText(x, y float64, t string) {
	s.raw(`<text x="`).num(x).raw(`" y="`).num(y).raw(`" text-anchor="middle" fill="` + colInk + `">`).text(t).raw("</text>")
}

func (s *svgWriter) raw(t string) *svgWriter { s.b = append(s.b, t...); return s }

// num appends x rounded to a tenth, without a trailing ".0".
func (s *svgWriter) num(x float64) *svgWriter {
	n := int64(math.Round(x * 10))
	if n < 0 {
		s.b = append(s.b, '-')
		n = -n
	}
	s.b = strconv.AppendInt(s.b, n/10, 10)
	if d := n % 10; d != 0 {
		s.b = append(s.b, '.', byte('0'+d))
	}
	return s
}

// text appends t escaped for XML text and attribute values.
func (s *svgWriter) text(t string) *svgWriter { s.b = appendXML(s.b, safe.Clean(t)); return s }

// tipOf appends the tooltip that tip makes of element i, escaped,
// building it in scratch space that the next call reuses.
func (s *svgWriter) tipOf(tip func([]byte, int) []byte, i int) *svgWriter {
	s.tip = tip(s.tip[:0], i)
	s.b = appendXML(s.b, s.tip)
	return s
}

// appendXML appends clean text t escaped for XML text and attribute
// values.
func appendXML[T string | []byte](dst []byte, t T) []byte {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		case '\'':
			dst = append(dst, "&#39;"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
