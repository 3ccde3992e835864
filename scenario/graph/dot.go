package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/safe"
)

// The colours every format draws with. Each mark has a sign besides its
// colour: a thick line and "⚠" for errors, a double border and "veto:" for
// veto holders, a dashed line for memberships.
const (
	colInk       = "#333333" // text
	colLine      = "#4d4d4d" // borders and guarantees
	colError     = "#c62828" // errors: borders and guarantees
	colErrorText = "#b71c1c"
	colMember    = "#7a8591" // membership edges
	colBody      = "#e8eef8" // fill of bodies
	colVeto      = "#fff4d6" // fill of veto holders
	colCluster   = "#8a96a3" // border of clusters
	colFill0     = "#f4f6f9" // fill of clusters, alternating with depth
	colFill1     = "#e6ebf1"
	errorWidth   = "3"
)

// fonts is the font list of DOT and SVG output: common system fonts,
// nothing to download.
const fonts = "Helvetica,Arial,sans-serif"

// WriteDOT writes the picture in Graphviz's DOT language, for dot (rankdir
// LR: providers left, beneficiaries right): actors as nodes in scenario
// order, clusters as subgraphs named cluster_0, cluster_1…, guarantees and
// memberships as edges, tooltips with IDs, notes and findings, and a
// legend as a last cluster, cluster_legend. Node IDs are the actors' IDs,
// quoted; every string is quoted and escaped.
func (g Graph) WriteDOT(w io.Writer) error {
	if err := g.check(); err != nil {
		return err
	}
	d := dotWriter{g: &g, out: out{w: w, b: make([]byte, 0, spillAt+4096)}}
	d.graph()
	return d.flush()
}

type dotWriter struct {
	g *Graph
	out
	tip []byte // scratch for tooltips
}

func (d *dotWriter) graph() {
	g := d.g
	title, sub := g.caption()
	d.s("// ").s(strings.ReplaceAll(title, "\n", " ")).s(": drawn by github.com/entente-go/entente/scenario/graph\n")
	d.s("digraph \"entente\" {\n")
	d.s("\tgraph [rankdir=LR, fontname=").q(fonts).s(", fontsize=12, fontcolor=").q(colInk).s(", nodesep=0.3, ranksep=0.6]\n")
	d.s("\tnode [fontname=").q(fonts).s(", fontsize=11, fontcolor=").q(colInk).
		s(", shape=box, style=\"rounded,filled\", fillcolor=\"white\", color=").q(colLine).s("]\n")
	d.s("\tedge [fontname=").q(fonts).s(", fontsize=10, fontcolor=").q(colInk).s(", color=").q(colLine).s("]\n")
	t := g.tree()
	for _, it := range t.items[len(g.Clusters)] {
		d.item(&t, it, 1)
	}
	for i := range g.Edges {
		d.edge(i)
		d.spill()
	}
	d.legend()
	d.s("\tlabel=").q(title + "\n" + sub).s("\n")
	d.s("\tlabelloc=t\n")
	d.s("\ttooltip=").q(title + "\n" + sub).s("\n")
	d.s("}\n")
}

// item writes node it, or the cluster -1-it with what it holds.
func (d *dotWriter) item(t *tree, it, depth int) {
	if it >= 0 {
		d.node(it, depth)
		d.spill()
		return
	}
	ci := -1 - it
	body := d.g.Nodes[d.g.Clusters[ci].Body].Actor
	fill := colFill0
	if depth%2 == 0 {
		fill = colFill1
	}
	d.tab(depth).s("subgraph ").q("cluster_" + strconv.Itoa(ci)).s(" {\n")
	d.tab(depth + 1).s("label=").q(clusterLabel(body)).s("; labeljust=l; fontsize=10\n")
	d.tab(depth + 1).s("style=\"rounded,filled\"; fillcolor=").q(fill).s("; color=").q(colCluster).s("\n")
	d.tab(depth + 1).s("tooltip=").q(safe.Clean(string(body.ID)) + " and its members in the picture").s("\n")
	for _, sub := range t.items[ci] {
		d.item(t, sub, depth+1)
	}
	d.tab(depth).s("}\n")
}

func (d *dotWriter) node(i, depth int) {
	n := &d.g.Nodes[i]
	d.tab(depth).q(string(n.Actor.ID)).s(" [label=").q(n.Label()).s(", tooltip=").tipOf(d.g.nodeTip, i)
	if n.Actor.Kind.IsBody() {
		d.s(", shape=hexagon, style=filled, fillcolor=").q(colBody)
	}
	if n.HoldsVeto() {
		d.s(", peripheries=2, fillcolor=").q(colVeto)
	}
	if n.HasError() {
		d.s(", color=").q(colError).s(", penwidth=" + errorWidth)
	}
	d.s("]\n")
}

func (d *dotWriter) edge(i int) {
	e := &d.g.Edges[i]
	d.tab(1).q(string(d.g.Nodes[e.From].Actor.ID)).s(" -> ").q(string(d.g.Nodes[e.To].Actor.ID)).s(" [")
	if e.Kind == MemberEdge {
		d.s("style=dashed, arrowhead=empty, color=").q(colMember).s(", tooltip=").tipOf(d.g.edgeTip, i).s("]\n")
		return
	}
	d.s("label=").q(e.Label()).s(", tooltip=").tipOf(d.g.edgeTip, i)
	if e.Lapses() {
		d.s(", style=dotted")
	}
	if e.HasError() {
		d.s(", color=").q(colError).s(", fontcolor=").q(colErrorText).s(", penwidth=" + errorWidth)
	}
	d.s("]\n")
}

// legend writes a cluster of samples: each kind of node, box and edge,
// with what it means.
func (d *dotWriter) legend() {
	d.s("\tsubgraph \"cluster_legend\" {\n")
	d.s("\t\tlabel=\"Legend\"; labeljust=l; fontsize=10; style=rounded; color=").q(colCluster).s("\n")
	d.s("\t\ttooltip=\"How to read the picture\"\n")
	d.s("\t\tsubgraph \"cluster_legend_box\" {\n")
	d.s("\t\t\tlabel=\"members of X\"; labeljust=l; fontsize=10; style=\"rounded,filled\"; fillcolor=").q(colFill0).s("; color=").q(colCluster).s("\n")
	d.s("\t\t\ttooltip=\"A box holds a body and its members\"\n")
	d.s("\t\t\t\"legend body\" [label=").q("X\nbody: alliance,\norganization, coalition").s(", tooltip=\"A body\", shape=hexagon, style=filled, fillcolor=").q(colBody).s("]\n")
	d.s("\t\t\t\"legend member\" [label=").q("state\n(member of X)").s(", tooltip=\"A state\"]\n")
	d.s("\t\t}\n")
	d.s("\t\t\"legend outside\" [label=").q("member of X\ndrawn elsewhere").s(", tooltip=\"A membership no box shows\"]\n")
	d.s("\t\t\"legend error\" [label=").q(errorMark + "ID\nnamed by an\nerror finding").s(", tooltip=\"An actor named by an error finding: thick border and ⚠\", color=").q(colError).s(", penwidth=" + errorWidth + "]\n")
	d.s("\t\t\"legend veto\" [label=").q("ID\n" + vetoMark + "X, " + dealVeto + "\ncan block body X, or\nholds a veto the deal grants").s(", tooltip=\"A veto holder: double border and veto:\", peripheries=2, fillcolor=").q(colVeto).s("]\n")
	d.s("\t\t\"legend provider\" [label=\"provider\", tooltip=\"The provider of a guarantee\"]\n")
	d.s("\t\t\"legend beneficiary\" [label=\"beneficiary\", tooltip=\"The beneficiary of a guarantee\"]\n")
	d.s("\t\t\"legend provider 2\" [label=\"provider\", tooltip=\"The provider of a guarantee\"]\n")
	d.s("\t\t\"legend beneficiary 2\" [label=\"beneficiary\", tooltip=\"The beneficiary of a guarantee\"]\n")
	d.s("\t\t\"legend outside\" -> \"legend body\" [label=\"member of\", style=dashed, arrowhead=empty, color=").q(colMember).s(", tooltip=\"A membership no box shows\"]\n")
	d.s("\t\t\"legend provider\" -> \"legend beneficiary\" [label=").q("guarantee: kind\nstrength, against target").s(", tooltip=\"A guarantee\"]\n")
	d.s("\t\t\"legend provider 2\" -> \"legend beneficiary 2\" [label=").q(errorMark + "guarantee named\nby an error finding").s(", tooltip=\"A guarantee named by an error finding: thick line and ⚠\", color=").q(colError).s(", fontcolor=").q(colErrorText).s(", penwidth=" + errorWidth + "]\n")
	d.s("\t}\n")
}

func (d *dotWriter) s(s string) *dotWriter { d.b = append(d.b, s...); return d }

func (d *dotWriter) tab(n int) *dotWriter {
	for range n {
		d.b = append(d.b, '\t')
	}
	return d
}

// q appends s as a DOT quoted string: backslashes and quotes escaped,
// ampersands as entities, newlines as \n (a centred line break in labels),
// other control characters dropped.
func (d *dotWriter) q(s string) *dotWriter { d.b = appendDOT(d.b, safe.Clean(s)); return d }

// tip appends the tooltip that tip makes of element i, quoted, building
// it in scratch space that the next call reuses.
func (d *dotWriter) tipOf(tip func([]byte, int) []byte, i int) *dotWriter {
	d.tip = tip(d.tip[:0], i)
	d.b = appendDOT(d.b, d.tip)
	return d
}

// appendDOT appends clean text s as a DOT quoted string. Graphviz reads
// HTML entities in strings ("&lt;" draws as "<"), so an ampersand is
// written as one: "&amp;".
func appendDOT[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			dst = append(dst, `\\`...)
		case '"':
			dst = append(dst, `\"`...)
		case '\n':
			dst = append(dst, `\n`...)
		case '&':
			dst = append(dst, "&amp;"...)
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

// ErrNoGraphviz is returned, wrapped, by [Graph.WriteGraphvizSVG] when
// Graphviz's dot is not on the PATH.
var ErrNoGraphviz = errors.New("the dot command of Graphviz is not installed; install graphviz, or use --format dot or mermaid")

// ErrGraphviz is returned, wrapped with what dot printed, by
// [Graph.WriteGraphvizSVG] when dot fails or prints anything on its
// standard error.
var ErrGraphviz = errors.New("the dot command of Graphviz failed")

// WriteGraphvizSVG lays the picture out with Graphviz: it runs dot -Tsvg on
// the output of [Graph.WriteDOT] and writes what dot prints, with a
// comment before the svg element that names the DOT by its SHA-256
// ([DOTDigestPrefix]). It needs dot
// on the PATH; without it, it returns an error wrapping [ErrNoGraphviz].
// When dot fails, or prints anything on its standard error, it writes
// nothing and returns an error wrapping [ErrGraphviz] that quotes dot's
// message. The context stops dot.
func (g Graph) WriteGraphvizSVG(ctx context.Context, w io.Writer) error {
	path, err := exec.LookPath("dot")
	if err != nil {
		return fmt.Errorf("%w (%v)", ErrNoGraphviz, err)
	}
	var in bytes.Buffer
	if err := g.WriteDOT(&in); err != nil {
		return err
	}
	sum := sha256.Sum256(in.Bytes()) // before dot reads in
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &out, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("%w: %w", ErrGraphviz, ctx.Err())
	}
	msg := strings.TrimSpace(stderr.String())
	switch {
	case err != nil && msg != "":
		return fmt.Errorf("%w: %s (%v)", ErrGraphviz, msg, err)
	case err != nil:
		return fmt.Errorf("%w: %w", ErrGraphviz, err)
	case msg != "":
		return fmt.Errorf("%w: %s", ErrGraphviz, msg)
	}
	// Name the DOT the picture was drawn from, so that a committed
	// picture can be checked against the scenario without Graphviz, whose
	// layout changes from release to release.
	svg := out.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		mark := "<!-- " + DOTDigestPrefix + hex.EncodeToString(sum[:]) + " -->\n"
		svg = slices.Concat(svg[:i], []byte(mark), svg[i:])
	}
	_, err = w.Write(svg)
	return err
}

// DOTDigestPrefix begins the comment by which [Graph.WriteGraphvizSVG]
// names the DOT a picture was drawn from: the prefix, then the SHA-256 of
// the DOT in hexadecimal.
const DOTDigestPrefix = "drawn by entente from DOT sha256:"
