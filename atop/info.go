package atop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/scenario"
)

// Info says which phase of which alliance a scenario is, the keys a
// researcher merges answers on.
type Info struct {
	Version         string
	Alliance, Phase int  // atopid and phase
	Begin, End      Date // End is zero while in force when the data end
	Members         int
}

// Info returns what identifies p.
func (p Phase) Info() Info {
	return Info{Version: p.Version, Alliance: p.Alliance.ID, Phase: p.Number, Begin: p.Begin(), End: p.End(), Members: len(p.Members)}
}

// InfoOf reads back what identifies the phase a scenario was imported
// from: its ATOP source (atop-VERSION-ATOPID-PHASE), the source's date and
// note for the phase's dates, and the members of the alliance body. It
// fails for a scenario that no import wrote.
func InfoOf(s scenario.Scenario) (Info, error) {
	for _, src := range s.Sources {
		info, ok := parseSourceID(src.ID)
		if !ok {
			continue
		}
		if !validVersion(info.Version) {
			return Info{}, fmt.Errorf("source %s: version %q: want digits and dots, such as 4.01, or unknown", src.ID, info.Version)
		}
		var err error
		if info.Begin, err = parseDate(src.Date); err != nil {
			return Info{}, fmt.Errorf("source %s: date: %w", src.ID, err)
		}
		if _, after, ok := strings.Cut(src.Note, " until "); ok && len(after) >= 10 {
			if info.End, err = parseDate(after[:10]); err != nil {
				return Info{}, fmt.Errorf("source %s: note: %w", src.ID, err)
			}
		}
		body := AllianceID(info.Alliance)
		i := slices.IndexFunc(s.Actors, func(a actor.Actor) bool { return a.ID == body })
		if i < 0 {
			return Info{}, fmt.Errorf("no actor %s, the alliance of source %s", body, src.ID)
		}
		info.Members = len(s.Actors[i].Members)
		return info, nil
	}
	return Info{}, fmt.Errorf("no ATOP source (atop-VERSION-ATOPID-PHASE): not a scenario entente imported from ATOP")
}

// parseSourceID reads the version, atopid and phase of an ATOP source ID,
// atop-VERSION-ATOPID-PHASE, as Phase.SourceID writes it.
func parseSourceID(id string) (Info, bool) {
	rest, ok := strings.CutPrefix(id, "atop-")
	if !ok {
		return Info{}, false
	}
	parts := strings.Split(rest, "-")
	if len(parts) != 3 {
		return Info{}, false
	}
	var info Info
	info.Version = parts[0]
	if info.Version == "unknown" {
		info.Version = ""
	}
	var err error
	if info.Alliance, err = strconv.Atoi(parts[1]); err != nil || info.Alliance <= 0 {
		return Info{}, false
	}
	if info.Phase, err = strconv.Atoi(parts[2]); err != nil || info.Phase < 0 {
		return Info{}, false
	}
	return info, true
}

// validVersion reports whether v is a version an import writes: empty
// (unknown) or digits and dots, as "4.01". A version is shown on every
// page and summary of the record, and comes from a file a person edits.
func validVersion(v string) bool {
	if len(v) > 16 {
		return false
	}
	for _, c := range []byte(v) {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

// allianceOf returns the ID of the alliance body of an imported phase,
// from its ATOP source: AllianceID of the atopid the source cites.
func allianceOf(s scenario.Scenario) (actor.ID, bool) {
	for _, src := range s.Sources {
		if info, ok := parseSourceID(src.ID); ok {
			return AllianceID(info.Alliance), true
		}
	}
	return "", false
}

func parseDate(s string) (Date, error) {
	var d Date
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day); err != nil {
		return Date{}, fmt.Errorf("want YYYY-MM-DD, found %q", s)
	}
	return d, nil
}

// Selection picks alliance phases: by atopid, and by the years they were in
// force. The zero Selection picks every phase.
type Selection struct {
	IDs      []int // atopids; none means every alliance
	From, To int   // a phase in force in some year from From to To (0: no bound)
}

// Picks reports whether the selection picks the phase info describes. A
// phase is in force from the year it began to the year it ended, or to
// the end of the data when it did not end.
func (sel Selection) Picks(info Info) bool {
	if len(sel.IDs) > 0 && !slices.Contains(sel.IDs, info.Alliance) {
		return false
	}
	if sel.To > 0 && info.Begin.Year > sel.To {
		return false
	}
	if sel.From > 0 && !info.End.IsZero() && info.End.Year < sel.From {
		return false
	}
	return true
}
