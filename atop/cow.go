package atop

import (
	_ "embed"
	"encoding/csv"
	"strconv"
	"strings"
	"sync"

	"github.com/entente-go/entente/actor"
)

// cowStates is the Correlates of War Project's State System Membership
// List, v2016 (correlatesofwar.org/data-sets/state-system-membership),
// copied as published: state code, abbreviation, name and dates in the
// system. A code may have several rows, one per spell in the system; its
// abbreviation and name are the same in each.
//
//go:embed cowstates2016.csv
var cowStates string

type cowState struct {
	abb  actor.ID
	name string
}

var cowTable = sync.OnceValue(func() map[int]cowState {
	r := csv.NewReader(strings.NewReader(cowStates))
	recs, err := r.ReadAll()
	if err != nil {
		panic("atop: the embedded Correlates of War table does not read: " + err.Error())
	}
	t := make(map[int]cowState, len(recs))
	for _, rec := range recs[1:] {
		code, err := strconv.Atoi(rec[1])
		if err != nil {
			panic("atop: the embedded Correlates of War table has a bad code: " + rec[1])
		}
		if _, ok := t[code]; !ok {
			t[code] = cowState{actor.ID(rec[0]), rec[2]}
		}
	}
	return t
})

// StateID returns the actor ID of a Correlates of War state code: its
// abbreviation ("USA" for 2, "UKG" for 200), or "COW" and the code for a
// code the table does not have ("COW8152"), with ok false. No two codes
// of the table share an abbreviation, so the IDs of known codes never
// collide, and never with those of unknown ones, which have digits.
func StateID(code int) (id actor.ID, name string, ok bool) {
	if s, ok := cowTable()[code]; ok {
		return s.abb, s.name, true
	}
	return actor.ID("COW" + strconv.Itoa(code)), "", false
}
