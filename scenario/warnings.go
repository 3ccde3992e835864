package scenario

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/internal/safe"
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
)

// Warnings returns what is suspect, though valid, in s's free text, in
// the order of its fields: text holding control characters other than
// newlines and tabs, or bidirectional overrides ([ErrHiddenText]), and
// source URLs that cannot be links ([ErrNotWebURL]). A scenario file comes from someone else; these are
// the marks of one written to deceive its reader, or of a copy and paste
// gone wrong. Warnings do not make s invalid, and no finding or verdict
// depends on them. The paths are in the terms of scenario files, as for
// [Validate]; an edit of a variant is at
// "variants[i].edits[j]".
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
	w.text(p+".location", g.Location)
	w.text(p+".note", g.Note)
	w.texts(p+".sources", g.Sources)
}

func (w *warner) position(p string, pos Position) {
	w.text(p+".id", pos.ID)
	w.text(p+"."+pos.Stance.String()+".location", pos.Select.Location)
	w.text(p+".note", pos.Note)
	w.texts(p+".sources", pos.Sources)
}

func (w *warner) veto(p string, v Veto) {
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
	}
}
