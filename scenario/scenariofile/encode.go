package scenariofile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
)

// Encoding is the notation of a scenario file. The zero Encoding is YAML.
type Encoding uint8

const (
	// YAML is the notation people write, comments welcome.
	YAML Encoding = iota
	// JSON is the notation programs exchange.
	JSON
)

// String returns "yaml" or "json".
func (e Encoding) String() string {
	if e == JSON {
		return "json"
	}
	return "yaml"
}

// EncodingOf returns the encoding a file of this name is read in: JSON for
// a name ending in ".json", whatever its case, YAML for anything else.
func EncodingOf(name string) Encoding {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return JSON
	}
	return YAML
}

// Marshal writes s in the canonical form of format 1: keys in a fixed
// order, defaults left out, short lists and selectors on one line.
// Parsing what Marshal writes gives back a Scenario equal to s, for every
// s that passes [scenario.Validate] and whose variants load: each has at
// least one edit, and [scenario.Scenario.Variant] gives a valid scenario;
// and whose values weigh no veto of a position that demands none, which
// a file may not ([scenario.CheckValueVetoes] reports it, wrapping
// [scenario.ErrNotDemandsVeto]). A nil edit is an error.
func Marshal(s scenario.Scenario, e Encoding) ([]byte, error) {
	n, err := canonical(s)
	if err != nil {
		return nil, err
	}
	if e == JSON {
		return toJSON(n)
	}
	return toYAML(n)
}

// Format rewrites a scenario file in canonical form, keeping the comments
// of a YAML file on the fields they belong to. A file that does not load
// is an error, and nothing is written.
func Format(name string, data []byte) ([]byte, error) {
	return Options{}.Format(name, data)
}

// Format is the package's Format within o's limits.
func (o Options) Format(name string, data []byte) ([]byte, error) {
	s, err := o.Parse(name, data)
	if err != nil {
		return nil, err
	}
	n, err := canonical(s)
	if err != nil {
		return nil, err
	}
	if EncodingOf(name) == JSON {
		return toJSON(n)
	}
	// The YAML library keeps a comment's line breaks as written, and a
	// CRLF one would come out as two; read the comments with the file's
	// line breaks as the canonical form writes them (the same lines).
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	root, _ := o.parse(name, data)
	keepComments(n, root)
	// A comment that opens a section of the file gets a blank line above
	// it, as people write them.
	for i := 2; i < len(n.Content); i += 2 {
		if k := n.Content[i]; k.HeadComment != "" && !strings.HasPrefix(k.HeadComment, "\n") {
			k.HeadComment = "\n" + k.HeadComment
		}
	}
	return toYAML(n)
}

// toYAML writes n as YAML. A scalar holding a hidden rune (a control
// character or a bidirectional override; see internal/safe) is written
// double-quoted, with the runes the YAML library leaves raw written as \u
// escapes, which YAML reads back as the same runes: the canonical form of
// a hostile file shows what it holds, in a terminal and in an editor.
func toYAML(n *yaml.Node) ([]byte, error) {
	hidden := quoteHidden(n)
	var buf bytes.Buffer
	enc, err := yaml.NewDumper(&buf, yaml.WithIndent(2), yaml.WithCompactSeqIndent(false), yaml.WithLineWidth(-1), yaml.WithUnicode(true))
	if err != nil {
		return nil, err
	}
	if err := enc.Dump(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	if !hidden && !safe.HasHidden(buf.String()) {
		return buf.Bytes(), nil
	}
	var out bytes.Buffer
	if _, err := safe.JSON(&out).Write(buf.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// quoteHidden gives every scalar of n that holds a hidden rune other
// than a newline or a tab the double-quoted style, in which an escape
// means the rune, and reports whether it found one.
func quoteHidden(n *yaml.Node) bool {
	found := false
	if n.Kind == yaml.ScalarNode && strings.ContainsFunc(n.Value, func(r rune) bool { return r != '\n' && r != '\t' && safe.Hidden(r) }) {
		n.Style = yaml.DoubleQuotedStyle
		found = true
	}
	for _, c := range n.Content {
		found = quoteHidden(c) || found
	}
	return found
}

// Nodes of the canonical tree.

func text(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

func boolean(v bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
}

func number(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}

// likelihood writes a likelihood, if there is one, in the shortest form
// that reads back as the same number: 0.7, 1, 0, 1e-07. A value that is
// not a number is written as YAML writes it (.nan, .inf), which no reader
// takes for a likelihood, and which JSON cannot hold.
func likelihood(p *float64) *yaml.Node {
	if p == nil {
		return nil
	}
	v := *p
	var s string
	switch {
	case math.IsNaN(v):
		s = ".nan"
	case math.IsInf(v, 1):
		s = ".inf"
	case math.IsInf(v, -1):
		s = "-.inf"
	case v == 0:
		s = "0" // -0 too
	default:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	}
	tag := "!!float"
	if strings.Trim(s, "0123456789-") == "" {
		tag = "!!int" // 1 and 0, which YAML reads as whole numbers
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// date is a calendar date, written plain (2025-08-21) as people write it;
// the decoder reads dates as text either way.
func date(v string) *yaml.Node {
	if len(v) == 10 && strings.Trim(v, "0123456789-") == "" && v[4] == '-' && v[7] == '-' {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v}
	}
	return text(v)
}

// mapping is a mapping node under construction; add leaves out empty
// values, so that defaults do not clutter the file.
type mapping struct{ n *yaml.Node }

func newMapping(flow bool) mapping {
	m := mapping{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
	if flow {
		m.n.Style = yaml.FlowStyle
	}
	return m
}

func (m mapping) add(key string, v *yaml.Node) {
	if v == nil {
		return
	}
	m.n.Content = append(m.n.Content, text(key), v)
}

func (m mapping) str(key, v string) {
	if v != "" {
		m.add(key, text(v))
	}
}

func list[T any](items []T, flow bool, f func(T) *yaml.Node) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, it := range items {
		n.Content = append(n.Content, f(it))
	}
	return n
}

func texts[T ~string](items []T) *yaml.Node {
	return list(items, true, func(v T) *yaml.Node { return text(string(v)) })
}

// canonical builds the canonical tree of s. It fails only on an edit it
// cannot write, which is nil.
func canonical(s scenario.Scenario) (*yaml.Node, error) {
	top := newMapping(false)
	top.add("entente", number(1))
	top.str("name", s.Name)
	if s.AsOf != "" {
		top.add("as-of", date(s.AsOf))
	}
	top.str("description", s.Description)
	top.add("sources", list(s.Sources, false, func(src scenario.Source) *yaml.Node {
		m := newMapping(false)
		m.str("id", src.ID)
		m.str("title", src.Title)
		m.str("url", src.URL)
		if src.Date != "" {
			m.add("date", date(src.Date))
		}
		m.str("note", src.Note)
		return m.n
	}))
	top.add("actors", list(s.Actors, false, actorNode))
	top.add("guarantees", list(s.Guarantees, false, guaranteeNode))
	top.add("positions", list(s.Positions, false, positionNode))
	top.add("vetoes", list(s.Vetoes, false, vetoNode))
	top.add("timeline", list(s.Timeline, false, eventNode))
	top.add("values", list(s.Values, false, valueNode))
	var err error
	top.add("variants", list(s.Variants, false, func(v scenario.Variant) *yaml.Node {
		m := newMapping(false)
		m.str("name", v.Name)
		m.str("note", v.Note)
		m.add("sources", texts(v.Sources))
		edits := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for j, e := range v.Edits {
			n := editNode(e)
			if n == nil {
				if err == nil {
					err = fmt.Errorf("variant %s: edits[%d]: cannot write a nil edit", v.Name, j)
				}
				n = newMapping(true).n
			}
			edits.Content = append(edits.Content, n)
		}
		if len(edits.Content) > 0 {
			m.add("edits", edits)
		}
		return m.n
	}))
	return top.n, err
}

// eventNode writes an event of the timeline: as text when it is undated,
// as a mapping {date: 2009-06-15, event: renewal(UNSC)} on one line when
// it carries a date.
func eventNode(e guarantee.Event) *yaml.Node {
	if e.Date == "" {
		return text(e.String())
	}
	m := newMapping(true)
	m.add("date", date(e.Date))
	ev := text(e.String())
	if strings.Contains(ev.Value, ",") {
		// A comma would end the value on one line: quote it, as people
		// do, in double quotes.
		ev.Style = yaml.DoubleQuotedStyle
	}
	m.add("event", ev)
	return m.n
}

// mandateNode writes a mandate on one line, or nil for none; id, when
// set, comes first, as the guarantee of a with-mandate edit.
func mandateNode(id string, md guarantee.Mandate) *yaml.Node {
	if md.IsZero() && id == "" {
		return nil
	}
	m := newMapping(true)
	m.str("guarantee", id)
	m.str("body", string(md.Body))
	m.str("every", md.Every.String())
	if md.From != "" {
		m.add("from", date(md.From))
	}
	if md.Ends != "" {
		m.add("ends", date(md.Ends))
	}
	if md.PartiesAside {
		m.add("parties-aside", boolean(true))
	}
	return m.n
}

func vetoNode(v scenario.Veto) *yaml.Node {
	m := newMapping(v.Note == "" && len(v.Sources) == 0)
	m.str("holder", string(v.Holder))
	m.add("over", selectorNode(v.Over, nil))
	m.add("likelihood", likelihood(v.Likelihood))
	m.str("note", v.Note)
	m.add("sources", texts(v.Sources))
	return m.n
}

// valueNode writes one actor's values: the disagreement value when it is
// not the default 0, and one line per weight.
func valueNode(v scenario.Value) *yaml.Node {
	m := newMapping(false)
	m.str("actor", string(v.Actor))
	if v.Disagreement != 0 {
		m.add("disagreement", likelihood(&v.Disagreement))
	}
	m.add("weights", list(v.Weights, false, func(w scenario.Weight) *yaml.Node {
		wm := newMapping(true)
		wm.add("weight", likelihood(&w.Weight))
		if w.Veto == "" {
			wm.add("select", selectorNode(w.Select, nil))
		}
		wm.str("veto", w.Veto)
		return wm.n
	}))
	return m.n
}

// editNode writes an edit as a mapping of one key, whose value is written
// as the same part of a scenario is; it returns nil for a nil edit.
func editNode(e scenario.Edit) *yaml.Node {
	if v := reflect.ValueOf(e); v.Kind() == reflect.Pointer && !v.IsNil() {
		// A pointer to an edit is an edit too.
		e, _ = v.Elem().Interface().(scenario.Edit)
	}
	var key string
	var val *yaml.Node
	switch e := e.(type) {
	case scenario.Without:
		key, val = "without", text(e.ID)
	case scenario.AddActor:
		key, val = "add-actor", actorNode(e.Actor)
	case scenario.AddGuarantee:
		key, val = "add-guarantee", guaranteeNode(e.Guarantee)
	case scenario.AddPosition:
		key, val = "add-position", positionNode(e.Position)
	case scenario.ReplaceActor:
		key, val = "replace-actor", actorNode(e.Actor)
	case scenario.ReplaceGuarantee:
		key, val = "replace-guarantee", guaranteeNode(e.Guarantee)
	case scenario.ReplacePosition:
		key, val = "replace-position", positionNode(e.Position)
		if e.At != "" {
			val.Content = append([]*yaml.Node{text("at"), text(e.At)}, val.Content...)
		}
	case scenario.Grant:
		key, val = "grant", vetoNode(e.Veto)
	case scenario.Revoke:
		m := newMapping(true)
		m.str("holder", string(e.Holder))
		if e.Over != nil {
			m.add("over", selectorNode(*e.Over, nil))
		}
		key, val = "revoke", m.n
	case scenario.Set:
		m := newMapping(true)
		m.str("field", e.Field)
		m.str("to", e.Value)
		key, val = "set", m.n
	case scenario.WithMandate:
		key, val = "with-mandate", mandateNode(string(e.Guarantee), e.Mandate)
	case scenario.WithoutMandate:
		key, val = "without-mandate", text(string(e.Guarantee))
	default:
		return nil
	}
	m := newMapping(false)
	m.add(key, val)
	return m.n
}

func actorNode(a actor.Actor) *yaml.Node {
	// An actor with nothing but an ID, a name and a kind fits on a line.
	m := newMapping(len(a.Members) == 0 && len(a.Vetoes) == 0 && a.Note == "" && len(a.Sources) == 0 && a.Decides == actor.Default && a.Threshold == 0 && !a.PartiesAside)
	m.str("id", string(a.ID))
	m.str("name", a.Name)
	if a.Kind != actor.State {
		m.str("kind", a.Kind.String())
	}
	m.add("members", texts(a.Members))
	m.str("decides", a.Decides.String())
	if a.Threshold != 0 {
		m.add("threshold", number(a.Threshold))
	}
	m.add("vetoes", texts(a.Vetoes))
	if a.PartiesAside {
		m.add("parties-aside", boolean(true))
	}
	m.str("note", a.Note)
	m.add("sources", texts(a.Sources))
	return m.n
}

func guaranteeNode(g guarantee.Guarantee) *yaml.Node {
	m := newMapping(false)
	m.str("id", string(g.ID))
	m.str("provider", string(g.Provider))
	m.str("beneficiary", string(g.Beneficiary))
	m.str("kind", string(g.Kind))
	m.str("target", string(g.Target))
	m.str("location", g.Location)
	if g.Strength != guarantee.Political {
		m.str("strength", g.Strength.String())
	}
	m.str("trigger", g.Trigger.String())
	if g.Activation.Mode != guarantee.ByProvider {
		m.str("activation", g.Activation.String())
	}
	if g.Activation.PartiesAside {
		m.add("parties-aside", boolean(true))
	}
	m.add("requires", texts(g.Requires))
	m.add("likelihood", likelihood(g.Likelihood))
	m.add("mandate", mandateNode("", g.Mandate))
	m.str("note", g.Note)
	m.add("sources", texts(g.Sources))
	return m.n
}

func positionNode(p scenario.Position) *yaml.Node {
	m := newMapping(p.Note == "" && len(p.Sources) == 0 && p.ID == "")
	m.str("id", p.ID)
	m.str("actor", string(p.Actor))
	var by []actor.ID
	if p.Stance == scenario.RejectsVeto {
		by = p.By
	}
	m.add(p.Stance.String(), selectorNode(p.Select, by))
	m.add("likelihood", likelihood(p.Likelihood))
	m.str("note", p.Note)
	m.add("sources", texts(p.Sources))
	return m.n
}

func selectorNode(s guarantee.Selector, by []actor.ID) *yaml.Node {
	m := newMapping(true)
	m.add("by", texts(by))
	m.str("kind", string(s.Kind))
	m.str("provider", string(s.Provider))
	m.str("provider-in", string(s.ProviderIn))
	m.str("beneficiary", string(s.Beneficiary))
	m.str("target", string(s.Target))
	m.str("location", s.Location)
	m.add("ids", texts(s.IDs))
	return m.n
}

// toJSON writes a canonical tree as indented JSON, keys in the tree's
// order.
func toJSON(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, n); err != nil {
		return nil, err
	}
	var indented, out bytes.Buffer
	if err := json.Indent(&indented, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	indented.WriteByte('\n')
	// What encoding/json leaves raw of the hidden runes, as \u escapes.
	if _, err := safe.JSON(&out).Write(indented.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// yamlSafe escapes the characters that encoding/json writes as they are
// but the YAML parser, which reads JSON files too, does not take as they
// are: NEL, a line break to YAML, and the noncharacters U+FFFE and U+FFFF.
var yamlSafe = strings.NewReplacer("\u0085", `\u0085`, "\ufffe", `\ufffe`, "\uffff", `\uffff`)

func writeJSON(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, n.Content[i]); err != nil {
				return err
			}
			buf.WriteByte(':')
			if err := writeJSON(buf, n.Content[i+1]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSON(buf, c); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	default:
		switch n.Tag {
		case "!!int", "!!bool":
			buf.WriteString(n.Value)
			return nil
		case "!!float":
			if !json.Valid([]byte(n.Value)) { // .nan, .inf
				return fmt.Errorf("cannot write the likelihood %s in JSON, which has no such number", n.Value)
			}
			buf.WriteString(n.Value)
			return nil
		}
		b, err := json.Marshal(n.Value)
		if err != nil {
			return err
		}
		yamlSafe.WriteString(buf, string(b))
	}
	return nil
}

// keepComments copies the comments of the file's tree onto the canonical
// tree, from each node to the node at the same path. Comments on fields
// the canonical form leaves out (defaults) move above the next field of
// the mapping that held them, or below its last, so that no comment is
// lost. A collection that canonical form writes on one line is written
// in block style when comments inside it need that.
func keepComments(dst, src *yaml.Node) {
	if src == nil || dst == nil {
		return
	}
	copyComments(dst, src)
	switch {
	case dst.Kind == yaml.MappingNode && src.Kind == yaml.MappingNode:
		pending := "" // comments of dropped fields, for the next field kept
		for i := 0; i+1 < len(src.Content); i += 2 {
			key := src.Content[i].Value
			j := keyIndex(dst, key)
			if j < 0 {
				// A field canonical form drops: keep its comments above
				// the field that followed it, or else on the mapping.
				pending = joinComments(pending, allComments(src.Content[i]), allComments(src.Content[i+1]))
				continue
			}
			copyComments(dst.Content[j], src.Content[i])
			if pending != "" {
				dst.Content[j].HeadComment = joinComments(pending, dst.Content[j].HeadComment)
				pending = ""
			}
			if v, w := dst.Content[j+1], src.Content[i+1]; v.Kind == yaml.ScalarNode && w.Kind != yaml.ScalarNode {
				// A list canonical form writes as text (the value of a
				// set edit): its line comment stays on the line, the
				// rest goes above the field.
				v.LineComment = w.LineComment
				var inner []string
				for _, c := range w.Content {
					inner = append(inner, allComments(c))
				}
				k := dst.Content[j]
				k.HeadComment = joinComments(append([]string{k.HeadComment, w.HeadComment}, append(inner, w.FootComment)...)...)
				continue
			}
			keepComments(dst.Content[j+1], src.Content[i+1])
		}
		if n := len(dst.Content); pending != "" && n >= 2 {
			// Below the last field: a foot comment of the mapping would
			// be written at the end of the file.
			dst.Content[n-2].FootComment = joinComments(dst.Content[n-2].FootComment, pending)
		} else {
			dst.FootComment = joinComments(dst.FootComment, pending)
		}
	case dst.Kind == yaml.SequenceNode && src.Kind == yaml.SequenceNode:
		for i, c := range src.Content {
			if i < len(dst.Content) {
				keepComments(dst.Content[i], c)
			}
		}
	}
	if dst.Style&yaml.FlowStyle != 0 {
		// A line comment on the last item can follow the closing bracket,
		// where the YAML library writes the collection's own, if the
		// collection stays on one line.
		last := len(dst.Content) - 1
		moved := last >= 0 && dst.LineComment == "" && dst.Content[last].LineComment != ""
		if moved {
			dst.LineComment, dst.Content[last].LineComment = dst.Content[last].LineComment, ""
		}
		if !oneLine(dst) {
			dst.Style &^= yaml.FlowStyle
			if moved { // back on its item, in block style
				dst.LineComment, dst.Content[last].LineComment = "", dst.LineComment
			}
		}
	}
}

// allComments gathers every comment in a tree, in order: those of a field
// that canonical form drops, whose nodes have no place to carry them.
func allComments(n *yaml.Node) string {
	parts := []string{n.HeadComment, n.LineComment}
	for _, c := range n.Content {
		parts = append(parts, allComments(c))
	}
	return joinComments(append(parts, n.FootComment)...)
}

func copyComments(dst, src *yaml.Node) {
	if src.HeadComment != "" {
		dst.HeadComment = src.HeadComment
	}
	if src.LineComment != "" {
		dst.LineComment = src.LineComment
	}
	if src.FootComment != "" {
		dst.FootComment = src.FootComment
	}
}

// oneLine reports whether the collection n can be written on one line:
// none of its items has a comment, or holds one, or is written in block
// style.
func oneLine(n *yaml.Node) bool {
	for _, c := range n.Content {
		if c.HeadComment != "" || c.FootComment != "" || c.LineComment != "" {
			return false
		}
		if (c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode) && c.Style&yaml.FlowStyle == 0 {
			return false
		}
	}
	return true
}

func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func joinComments(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}
