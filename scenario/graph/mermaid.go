package graph

import (
	"io"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/safe"
)

// WriteMermaid writes the picture as a Mermaid flowchart (flowchart LR),
// for Markdown that renders Mermaid: clusters as subgraphs, states as
// rounded boxes and bodies as hexagons, guarantees as arrows labelled with
// kind and strength (thick ==> when an error finding names them),
// memberships as dotted -.-> arrows, classes error and veto for the marks,
// and a legend as a last subgraph.
//
// Mermaid breaks on IDs such as end, or with '/', '.' or spaces, so nodes
// are n0, n1… and clusters c0, c1… by their index in the Graph, legend
// elements L0, L1…; the actors' IDs are in the labels. Labels are quoted,
// with Mermaid's entity codes for '"' (#quot;), '#', '&', '<', '>' and
// '`', and <br> for line breaks. Each guarantee's ID is in a %% comment
// before its arrow.
//
// Mermaid's renderer refuses, by default, a diagram of more than 50,000
// characters or 500 edges: filter a large scenario ([Options]) before
// drawing it this way.
func (g Graph) WriteMermaid(w io.Writer) error {
	if err := g.check(); err != nil {
		return err
	}
	m := mermaidWriter{g: &g, out: out{w: w, b: make([]byte, 0, spillAt+4096)}}
	m.graph()
	return m.flush()
}

type mermaidWriter struct {
	g *Graph
	out
	links int // arrows written so far: linkStyle counts them
}

func (m *mermaidWriter) graph() {
	g := m.g
	title, sub := g.caption()
	m.s("---\ntitle: ").yaml(title).s("\n---\n")
	m.s("flowchart LR\n")
	m.s("    %% ").s(strings.ReplaceAll(oneLine(sub), "%", "#37;")).s("\n")
	t := g.tree()
	for _, it := range t.items[len(g.Clusters)] {
		m.item(&t, it, 1)
	}
	var errLinks []int
	for i := range g.Edges {
		e := &g.Edges[i]
		from, to := "n"+strconv.Itoa(e.From), "n"+strconv.Itoa(e.To)
		switch {
		case e.Kind == MemberEdge:
			m.s("    ").s(from).s(" -.->|").q("member of").s("| ").s(to).s("\n")
		case e.HasError():
			m.s("    %% ").s(oneLine(string(e.Guarantee.ID))).s("\n")
			m.s("    ").s(from).s(" ==>|").q(e.Label()).s("| ").s(to).s("\n")
			errLinks = append(errLinks, m.links)
		case e.Lapses():
			m.s("    %% ").s(oneLine(string(e.Guarantee.ID))).s("\n")
			m.s("    ").s(from).s(" -.->|").q(e.Label()).s("| ").s(to).s("\n")
		default:
			m.s("    %% ").s(oneLine(string(e.Guarantee.ID))).s("\n")
			m.s("    ").s(from).s(" -->|").q(e.Label()).s("| ").s(to).s("\n")
		}
		m.links++
		m.spill()
	}
	errLinks = m.legend(errLinks)

	m.s("    classDef body fill:" + colBody + "\n")
	m.s("    classDef veto fill:" + colVeto + ",stroke-width:2px\n")
	m.s("    classDef error stroke:" + colError + ",stroke-width:4px\n")
	var bodies, vetoes, errs []string
	for i, n := range g.Nodes {
		id := "n" + strconv.Itoa(i)
		if n.Actor.Kind.IsBody() {
			bodies = append(bodies, id)
		}
		if n.HoldsVeto() {
			vetoes = append(vetoes, id)
		}
		if n.HasError() {
			errs = append(errs, id)
		}
	}
	bodies = append(bodies, "L0")
	vetoes = append(vetoes, "L2")
	errs = append(errs, "L1")
	m.class(bodies, "body")
	m.class(vetoes, "veto")
	m.class(errs, "error")
	for ci := range g.Clusters {
		fill := colFill0
		if m.depth(ci)%2 == 1 {
			fill = colFill1
		}
		m.s("    style c").s(strconv.Itoa(ci)).s(" fill:" + fill + ",stroke:" + colCluster + "\n")
	}
	if len(errLinks) > 0 {
		m.s("    linkStyle ")
		for i, l := range errLinks {
			if i > 0 {
				m.s(",")
			}
			m.s(strconv.Itoa(l))
			m.spill()
		}
		m.s(" stroke:" + colError + ",stroke-width:3px,color:" + colErrorText + "\n")
	}
}

func (m *mermaidWriter) depth(ci int) int {
	d := 0
	for p := m.g.Clusters[ci].Parent; p >= 0 && d <= len(m.g.Clusters); p = m.g.Clusters[p].Parent {
		d++
	}
	return d
}

func (m *mermaidWriter) class(ids []string, name string) {
	for len(ids) > 0 {
		// A few hundred IDs a line keeps lines readable in editors.
		n := min(len(ids), 200)
		m.s("    class ").s(strings.Join(ids[:n], ",")).s(" ").s(name).s("\n")
		m.spill()
		ids = ids[n:]
	}
}

func (m *mermaidWriter) item(t *tree, it, depth int) {
	indent := strings.Repeat("    ", depth)
	if it >= 0 {
		n := &m.g.Nodes[it]
		m.s(indent).s("n").s(strconv.Itoa(it))
		if n.Actor.Kind.IsBody() {
			m.s("{{").q(n.Label()).s("}}\n")
		} else {
			m.s("(").q(n.Label()).s(")\n")
		}
		m.spill()
		return
	}
	ci := -1 - it
	body := m.g.Nodes[m.g.Clusters[ci].Body].Actor
	m.s(indent).s("subgraph c").s(strconv.Itoa(ci)).s("[").q(clusterLabel(body)).s("]\n")
	for _, sub := range t.items[ci] {
		m.item(t, sub, depth+1)
	}
	m.s(indent).s("end\n")
}

// legend writes the legend subgraph and returns errLinks with the
// legend's own error arrow added.
func (m *mermaidWriter) legend(errLinks []int) []int {
	m.s("    subgraph L[\"Legend\"]\n")
	m.s("        subgraph L9[\"members of X\"]\n")
	m.s("            L0{{").q("X\nbody: alliance,\norganization, coalition").s("}}\n")
	m.s("            L8(").q("state\n(member of X)").s(")\n")
	m.s("        end\n")
	m.s("        L1(").q(errorMark + "ID\nnamed by an\nerror finding").s(")\n")
	m.s("        L2(").q("ID\n" + vetoMark + "X, " + dealVeto + "\ncan block body X, or\nholds a veto the deal grants").s(")\n")
	m.s("        L3(").q("member of X\ndrawn elsewhere").s(")\n")
	m.s("        L4(\"provider\")\n")
	m.s("        L5(\"beneficiary\")\n")
	m.s("        L6(\"provider\")\n")
	m.s("        L7(\"beneficiary\")\n")
	m.s("        L3 -.->|\"member of\"| L0\n")
	m.s("        L4 -->|").q("guarantee: kind\nstrength, against target").s("| L5\n")
	m.s("        L6 ==>|").q(errorMark + "guarantee named\nby an error finding").s("| L7\n")
	m.s("    end\n")
	m.s("    style L fill:#ffffff,stroke:" + colCluster + "\n")
	m.s("    style L9 fill:" + colFill0 + ",stroke:" + colCluster + "\n")
	errLinks = append(errLinks, m.links+2)
	m.links += 3
	return errLinks
}

func (m *mermaidWriter) s(s string) *mermaidWriter { m.b = append(m.b, s...); return m }

// q appends s as a quoted Mermaid label: entity codes for the characters
// Mermaid would read as syntax or markup, <br> for newlines. A percent
// sign is one of them: Mermaid looks for directives ("%%{init: …}%%")
// anywhere in a diagram's text, labels included.
func (m *mermaidWriter) q(s string) *mermaidWriter {
	s = safe.Clean(s)
	m.b = append(m.b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			m.b = append(m.b, "#quot;"...)
		case '#':
			m.b = append(m.b, "#35;"...)
		case '&':
			m.b = append(m.b, "#amp;"...)
		case '<':
			m.b = append(m.b, "#lt;"...)
		case '>':
			m.b = append(m.b, "#gt;"...)
		case '`':
			m.b = append(m.b, "#96;"...)
		case '%':
			m.b = append(m.b, "#37;"...)
		case '\n':
			m.b = append(m.b, "<br>"...)
		default:
			m.b = append(m.b, c)
		}
	}
	m.b = append(m.b, '"')
	return m
}

// yaml appends s as a YAML double-quoted string, for the front matter,
// cleaned and on one line like a label. The characters a label writes as
// entity codes are written as YAML escapes ("\x3c" for "<", "\x25" for
// "%"), so that neither Mermaid's search for directives nor anything that
// reads the diagram's text as markup finds any in the title, which still
// reads as written once YAML has read it.
func (m *mermaidWriter) yaml(s string) *mermaidWriter {
	s = oneLine(s)
	m.b = append(m.b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			m.b = append(m.b, '\\', c)
		case '%', '#', '&', '<', '>', '`':
			m.b = append(m.b, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		default:
			m.b = append(m.b, c)
		}
	}
	m.b = append(m.b, '"')
	return m
}

const hexDigits = "0123456789abcdef"

// oneLine returns s cleaned, on one line, for comments and the title.
func oneLine(s string) string { return strings.ReplaceAll(safe.Clean(s), "\n", " ") }
