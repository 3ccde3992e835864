package graph

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
)

// The text markers, so that no mark rests on colour alone.
const (
	// errorMark starts the label of an element an error finding names.
	errorMark = "⚠ "
	// lapseMark marks a guarantee whose mandate is known to end.
	lapseMark = "⌛ "
	// vetoMark starts the line that says what a veto holder can block.
	vetoMark = "veto: "
	// dealVeto stands, in that line, for a veto the deal grants.
	dealVeto = "deal"
)

// Widths, in characters, beyond which labels wrap or stop.
const (
	nameWidth   = 24  // a name wraps onto lines of at most this many
	vetoListLen = 3   // bodies a veto line names before "+N more"
	tipListLen  = 5   // findings or vetoes a tooltip lists before "and N more"
	tipMembers  = 20  // members a body's tooltip lists
	tipMessage  = 240 // bytes of a finding's message a tooltip quotes
)

// Label returns the node's label, lines separated by "\n": the actor's ID
// (after "⚠ " when an error finding names it), its name, a body's kind and
// decision rule, and, for a veto holder, "veto: " and the bodies it can
// block ("deal" for a veto the deal grants).
func (n Node) Label() string { return strings.Join(n.lines(), "\n") }

func (n Node) lines() []string {
	a := &n.Actor
	first := safe.Clean(string(a.ID))
	if n.HasError() {
		first = errorMark + first
	}
	lines := []string{first}
	if a.Name != "" && a.Name != string(a.ID) {
		lines = append(lines, wrap(safe.Clean(a.Name), nameWidth)...)
	}
	if a.Kind.IsBody() {
		lines = append(lines, a.Kind.String()+", "+rule(a))
	}
	if n.HoldsVeto() {
		lines = append(lines, vetoLine(n))
	}
	return lines
}

// rule describes a body's decision rule: "unanimity", "2 of 3 must
// agree", and ", parties aside" when the rule does not count the parties
// to a dispute.
func rule(a *actor.Actor) string {
	aside := ""
	if a.PartiesAside {
		aside = ", parties aside"
	}
	if a.Threshold > 0 {
		return strconv.Itoa(a.Threshold) + " of " + strconv.Itoa(len(a.Members)) + " must agree" + aside
	}
	return a.Rule().String() + aside
}

func vetoLine(n Node) string {
	var b strings.Builder
	b.WriteString(vetoMark)
	for i, v := range n.Vetoes {
		if i == vetoListLen {
			b.WriteString(", +" + strconv.Itoa(len(n.Vetoes)-vetoListLen) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(safe.Clean(string(v)))
	}
	if len(n.Granted) > 0 {
		if len(n.Vetoes) > 0 {
			b.WriteString(", ")
		}
		b.WriteString(dealVeto)
	}
	return b.String()
}

// Label returns the edge's label, lines separated by "\n": for a
// guarantee its kind (after "⚠ " when an error finding names it), then its
// strength and target ("assurance, against RU"), or "against anyone" when
// it has no target and its trigger answers an attack by anyone
// (attack(*, B)); for a membership, "member of".
func (e Edge) Label() string { return strings.Join(e.lines(), "\n") }

func (e Edge) lines() []string {
	if e.Kind == MemberEdge {
		return []string{"member of"}
	}
	g := &e.Guarantee
	first := safe.Clean(string(g.Kind))
	if e.Lapses() {
		first = lapseMark + first
	}
	if e.HasError() {
		first = errorMark + first
	}
	second := g.Strength.String()
	switch {
	case g.Target != "":
		second += ", against " + safe.Clean(string(g.Target))
	case g.Trigger.AdmitsAnyone():
		second += ", against anyone"
	}
	return []string{first, second}
}

// clusterLabel is the label of the box around a body.
func clusterLabel(body actor.Actor) string { return "members of " + safe.Clean(string(body.ID)) }

// nodeTip appends the tooltip of node i to dst: who it is, what it can
// block, its note and the error findings that name it. Like every tooltip
// it is clean text (see [safe.Clean]), with newlines between its lines.
func (g *Graph) nodeTip(dst []byte, i int) []byte {
	n := &g.Nodes[i]
	a := &n.Actor
	dst = append(dst, safe.Clean(string(a.ID))...)
	if a.Name != "" && a.Name != string(a.ID) {
		dst = append(append(dst, ": "...), safe.Clean(a.Name)...)
	}
	dst = append(append(dst, '\n'), a.Kind.String()...)
	if a.Kind.IsBody() {
		dst = append(append(dst, ", decides "...), rule(a)...)
		if len(a.Members) > 0 {
			dst = list(append(dst, "\nmembers: "...), a.Members, tipMembers)
		}
		if len(a.Vetoes) > 0 {
			dst = list(append(dst, "\nexplicit vetoes: "...), a.Vetoes, tipMembers)
		}
	}
	if len(n.Vetoes) > 0 {
		dst = list(append(dst, "\nveto holder: can block "...), n.Vetoes, tipMembers)
	}
	for j, v := range n.Granted {
		if j == tipListLen {
			dst = append(dst, "\nand "...)
			dst = strconv.AppendInt(dst, int64(len(n.Granted)-tipListLen), 10)
			dst = append(dst, " more vetoes the deal grants"...)
			break
		}
		dst = append(append(dst, "\nveto the deal grants over "...), safe.Clean(v.Over.String())...)
	}
	if a.Note != "" {
		dst = append(append(dst, "\nnote: "...), safe.Clean(a.Note)...)
	}
	return g.errorTips(dst, n.Errors)
}

// edgeTip appends the tooltip of edge i to dst: for a guarantee its ID,
// endpoints, kind, strength, target, location, trigger, activation,
// requirements, note and error findings.
func (g *Graph) edgeTip(dst []byte, i int) []byte {
	e := &g.Edges[i]
	from, to := safe.Clean(string(g.Nodes[e.From].Actor.ID)), safe.Clean(string(g.Nodes[e.To].Actor.ID))
	if e.Kind == MemberEdge {
		return append(append(append(dst, from...), " is a member of "...), to...)
	}
	gu := &e.Guarantee
	dst = append(append(dst, safe.Clean(string(gu.ID))...), ": "...)
	dst = append(append(append(dst, from...), " → "...), to...)
	dst = append(append(dst, '\n'), safe.Clean(string(gu.Kind))...)
	dst = append(append(dst, ", "...), gu.Strength.String()...)
	if gu.Target != "" {
		dst = append(append(dst, ", against "...), safe.Clean(string(gu.Target))...)
	}
	if gu.Location != "" {
		dst = append(append(dst, ", in "...), safe.Clean(gu.Location)...)
	}
	if !gu.Trigger.IsAlways() {
		dst = append(append(dst, "\ntrigger: "...), safe.Clean(gu.Trigger.String())...)
	}
	dst = append(append(dst, "\nactivation: "...), safe.Clean(gu.Activation.String())...)
	if gu.Activation.PartiesAside {
		dst = append(dst, ", parties aside"...)
	}
	if len(gu.Requires) > 0 {
		dst = list(append(dst, "\nrequires: "...), gu.Requires, tipMembers)
	}
	if !gu.Mandate.IsZero() {
		dst = append(append(dst, "\nmandate: "...), safe.Clean(gu.Mandate.String())...)
	}
	if e.Lapse != "" {
		dst = append(append(dst, '\n'), safe.Clean(shorten(e.Lapse, tipMessage))...)
	}
	if gu.Note != "" {
		dst = append(append(dst, "\nnote: "...), safe.Clean(gu.Note)...)
	}
	return g.errorTips(dst, e.Errors)
}

func (g *Graph) errorTips(dst []byte, errs []int) []byte {
	for j, k := range errs {
		if j == tipListLen {
			dst = append(dst, "\nand "...)
			dst = strconv.AppendInt(dst, int64(len(errs)-tipListLen), 10)
			return append(dst, " more error findings"...)
		}
		f := &g.Findings[k]
		dst = append(append(dst, "\nerror "...), safe.Clean(string(f.Code))...)
		dst = append(append(dst, ": "...), safe.Clean(shorten(f.Message, tipMessage))...)
	}
	return dst
}

func list[T actor.ID | guarantee.ID](dst []byte, ids []T, most int) []byte {
	for i, id := range ids {
		if i == most {
			dst = append(dst, ", and "...)
			dst = strconv.AppendInt(dst, int64(len(ids)-most), 10)
			return append(dst, " more"...)
		}
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, safe.Clean(string(id))...)
	}
	return dst
}

// caption is the picture's title and, on a second line, the filters and
// what the picture holds.
func (g *Graph) caption() (title, sub string) {
	title = safe.Clean(g.Name)
	if title == "" {
		title = "Scenario"
	}
	var guarantees, errs int
	for _, e := range g.Edges {
		if e.Kind == GuaranteeEdge {
			guarantees++
			if e.HasError() {
				errs++
			}
		}
	}
	for _, n := range g.Nodes {
		if n.HasError() {
			errs++
		}
	}
	sub = words.Plural(len(g.Nodes), "actor") + ", " + words.Plural(guarantees, "guarantee") + ", " +
		words.Plural(errs, "element") + " named by error findings"
	if f := g.Options.String(); f != "" {
		sub = safe.Clean(f) + ": " + sub
	}
	return title, sub
}

// shorten returns s cut to at most n bytes, at a rune boundary, with "…"
// where it was cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// wrap breaks s into lines of at most width characters where it has
// spaces, and at width where a word is longer, keeping its own newlines.
func wrap(s string, width int) []string {
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		line, n := "", 0
		for word := range strings.FieldsSeq(para) {
			for {
				// Cut where width characters end, counting no further,
				// so that a long word costs its length, not its square.
				cut := 0
				for k := 0; k < width && cut < len(word); k++ {
					_, size := utf8.DecodeRuneInString(word[cut:])
					cut += size
				}
				if cut == len(word) {
					break
				}
				if n > 0 {
					out = append(out, line)
					line, n = "", 0
				}
				out = append(out, word[:cut])
				word = word[cut:]
			}
			w := utf8.RuneCountInString(word)
			switch {
			case n == 0:
				line, n = word, w
			case n+1+w <= width:
				line += " " + word
				n += 1 + w
			default:
				out = append(out, line)
				line, n = word, w
			}
		}
		if n > 0 {
			out = append(out, line)
		}
	}
	return out
}
