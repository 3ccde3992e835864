package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/suggest"
)

// Warnings [Warnings] reports, wrapped in a [FieldError].
var (
	// ErrHiddenText is text holding a control character (C0, DEL or C1)
	// or a Unicode bidirectional override or isolate (U+202A–U+202E,
	// U+2066–U+2069): characters a terminal or a browser acts on instead
	// of showing, which can recolour a report, forge its lines or make a
	// name display as something it is not. Entente's writers show them
	// escaped; the warning says the file holds them.
	ErrHiddenText = errors.New("holds a control character or a bidirectional override")
	// ErrNotWebURL is a source URL that is not an absolute http or https
	// address. Entente writes it as plain text, never as a link.
	ErrNotWebURL = errors.New("not an absolute http or https address, so never shown as a link")
	// ErrNewTopKind is a kind whose top level is none of the SDK's
	// (guarantee.Named): valid, since users may add families of their own,
	// but more often a known kind written without its family, such as
	// "air-support" for "military/air-support", which then quietly stops
	// counting as military for selectors and findings. The warning
	// suggests the kind most likely meant.
	ErrNewTopKind = errors.New("a new top-level kind")
)

// Warnings returns what is suspect, though valid, in s, in the order of its
// fields: text holding control characters other than newlines and tabs, or
// bidirectional overrides ([ErrHiddenText]), and source URLs that cannot
// be links ([ErrNotWebURL]), the marks of a file written to deceive its
// reader, or of a copy and paste gone wrong; and kinds of guarantees and of
// selectors under a top level the SDK does not name ([ErrNewTopKind]), with
// the kind most likely meant. Warnings do not make s invalid, and no
// finding or verdict depends on them. The paths are in the terms of
// scenario files, as for [Validate]; an edit of a variant is at
// "variants[i].edits[j]".
//
// A scenario file comes from someone else. The writers of this package
// ([Text], [WriteMarkdown], and the writers of the analysis packages
// built on this one) show control characters and bidirectional overrides in
// the scenario's text escaped ("\x1b", "\u202e"), with colour or
// without, and [WriteMarkdown] links a source only when its URL is an
// http or https address. The design left open whether what Warnings
// reports should be findings; they are warnings of validation because they
// concern how the file reads, not whether the deal holds, and so that
// sweeps and searches, which evaluate many times, pay nothing for them.
func Warnings(s Scenario) []*FieldError {
	var w warner
	w.text("name", s.Name)
	w.text("as-of", s.AsOf)
	w.text("description", s.Description)
	for i, src := range s.Sources {
		p := "sources[" + strconv.Itoa(i) + "]"
		w.text(p+".id", src.ID)
		w.text(p+".title", src.Title)
		w.text(p+".url", src.URL)
		if src.URL != "" && !safe.HasHidden(src.URL) && !safe.Link(src.URL) {
			w.add(p+".url", fmt.Errorf("%q: %w", src.URL, ErrNotWebURL))
		}
		w.text(p+".date", src.Date)
		w.text(p+".note", src.Note)
	}
	for i, a := range s.Actors {
		w.actor("actors["+strconv.Itoa(i)+"]", a)
	}
	for i, g := range s.Guarantees {
		w.guarantee("guarantees["+strconv.Itoa(i)+"]", g)
	}
	for i, p := range s.Positions {
		w.position("positions["+strconv.Itoa(i)+"]", p)
	}
	for i, v := range s.Vetoes {
		w.veto("vetoes["+strconv.Itoa(i)+"]", v)
	}
	for i, v := range s.Values {
		for j, wt := range v.Weights {
			if wt.Veto == "" {
				w.newTopKind("values["+strconv.Itoa(i)+"].weights["+strconv.Itoa(j)+"].select.kind", wt.Select.Kind)
			}
		}
	}
	for i, v := range s.Variants {
		p := "variants[" + strconv.Itoa(i) + "]"
		w.text(p+".name", v.Name)
		w.text(p+".note", v.Note)
		w.texts(p+".sources", v.Sources)
		for j, e := range v.Edits {
			w.edit(p+".edits["+strconv.Itoa(j)+"]", e)
		}
	}
	return w.out
}

type warner struct{ out []*FieldError }

func (w *warner) add(path string, err error) {
	w.out = append(w.out, &FieldError{Path: path, Err: err})
}

// text warns when s holds a hidden character other than a newline or a
// tab, which multi-line notes hold as a matter of course, naming the
// first.
func (w *warner) text(path, s string) {
	if !safe.HasHidden(s) {
		return
	}
	for i, r := range s {
		if safe.Hidden(r) && r != '\n' && r != '\t' {
			w.add(path, fmt.Errorf("%w (U+%04X at byte %d)", ErrHiddenText, r, i))
			return
		}
	}
	if !utf8.ValidString(s) { // the decoder refuses these; a Go caller may not
		w.add(path, fmt.Errorf("%w (bytes that are not UTF-8)", ErrHiddenText))
	}
}

func (w *warner) texts(path string, list []string) {
	for i, s := range list {
		w.text(path+"["+strconv.Itoa(i)+"]", s)
	}
}

func (w *warner) actor(p string, a actor.Actor) {
	w.text(p+".name", a.Name)
	w.text(p+".note", a.Note)
	w.texts(p+".sources", a.Sources)
}

func (w *warner) guarantee(p string, g guarantee.Guarantee) {
	w.newTopKind(p+".kind", g.Kind)
	w.text(p+".location", g.Location)
	w.text(p+".note", g.Note)
	w.texts(p+".sources", g.Sources)
}

func (w *warner) position(p string, pos Position) {
	w.text(p+".id", pos.ID)
	w.newTopKind(p+"."+pos.Stance.String()+".kind", pos.Select.Kind)
	w.text(p+"."+pos.Stance.String()+".location", pos.Select.Location)
	w.text(p+".note", pos.Note)
	w.texts(p+".sources", pos.Sources)
}

func (w *warner) veto(p string, v Veto) {
	w.newTopKind(p+".over.kind", v.Over.Kind)
	w.text(p+".over.location", v.Over.Location)
	w.text(p+".note", v.Note)
	w.texts(p+".sources", v.Sources)
}

func (w *warner) edit(p string, e Edit) {
	switch e := e.(type) {
	case Without:
		w.text(p+".without", e.ID)
	case AddActor:
		w.actor(p+".add-actor", e.Actor)
	case ReplaceActor:
		w.actor(p+".replace-actor", e.Actor)
	case AddGuarantee:
		w.guarantee(p+".add-guarantee", e.Guarantee)
	case ReplaceGuarantee:
		w.guarantee(p+".replace-guarantee", e.Guarantee)
	case AddPosition:
		w.position(p+".add-position", e.Position)
	case ReplacePosition:
		w.text(p+".replace-position.at", e.At)
		w.position(p+".replace-position", e.Position)
	case Grant:
		w.veto(p+".grant", e.Veto)
	case Set:
		w.text(p+".set.to", e.Value)
		// A guarantee's or a selector's kind; an actor's kind is a word
		// of its own (alliance, coalition), never a guarantee kind.
		if strings.HasSuffix(e.Field, ".kind") {
			if _, err := actor.ParseKind(e.Value); err != nil {
				w.newTopKind(p+".set.to", guarantee.Kind(e.Value))
			}
		}
	}
}

// newTopKind warns of a kind under a top level the SDK does not name
// ([ErrNewTopKind]), suggesting the kind most likely meant. An empty or
// malformed kind is left to [Validate].
func (w *warner) newTopKind(path string, k guarantee.Kind) {
	if k == "" || !k.Valid() {
		return
	}
	tops := topKinds()
	if slices.Contains(tops, string(k.Top())) {
		return
	}
	list := strings.Join(tops[:len(tops)-1], ", ") + " and " + tops[len(tops)-1]
	if meant, ok := meantKind(k); ok {
		w.add(path, fmt.Errorf("%q is %w, so it counts as none of %s; did you mean %q?", k, ErrNewTopKind, list, meant))
		return
	}
	w.add(path, fmt.Errorf("%q is %w, so it counts as none of %s; write it below one of them unless it is a family of its own", k, ErrNewTopKind, list))
}

// topKinds returns the top levels of the kinds the SDK names, in their
// order: military, intelligence, financial, sanctions, diplomatic.
func topKinds() []string {
	var tops []string
	for _, k := range guarantee.Named() {
		if k.Parent() == "" {
			tops = append(tops, string(k))
		}
	}
	return tops
}

// meantKind returns the named kind k most likely stands for, k being under
// a top level the SDK does not name: k's top is a named kind's last segment
// ("air-support/helicopters" for "military/air-support/helicopters"), or a
// misspelt top level ("militray/arms" for "military/arms"), or a misspelt
// last segment ("air-suport" for "military/air-support"), in that order.
func meantKind(k guarantee.Kind) (guarantee.Kind, bool) {
	top, rest, _ := strings.Cut(string(k), "/")
	if rest != "" {
		rest = "/" + rest
	}
	var leaves []string
	parent := map[string]guarantee.Kind{}
	for _, n := range guarantee.Named() {
		if p := n.Parent(); p != "" {
			leaf := string(n[len(p)+1:])
			leaves = append(leaves, leaf)
			parent[leaf] = p
		}
	}
	if p, ok := parent[top]; ok {
		return guarantee.Kind(string(p) + "/" + top + rest), true
	}
	if t, ok := suggest.Closest(top, topKinds()); ok {
		return guarantee.Kind(t + rest), true
	}
	if leaf, ok := suggest.Closest(top, leaves); ok {
		return guarantee.Kind(string(parent[leaf]) + "/" + leaf + rest), true
	}
	return "", false
}
