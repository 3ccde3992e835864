package scenario

import (
	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/internal/core"
)

// The analyses built on this package (deals, walk, compare, sweep) read
// the compiled scenario through package core; these methods are what they
// ask. They are exported only to satisfy core.Model: model is unexported,
// so nothing outside the module sees them.

func init() {
	core.Compile = func(s any, opt core.Options) (*core.Compiled, error) {
		m := &model{opt: opt}
		if err := m.compile(s.(*Scenario), new(actor.Index)); err != nil {
			return nil, err
		}
		return &core.Compiled{Actors: m.ax, Provider: m.prov, Beneficiary: m.ben, Holder: m.pact, Model: m}, nil
	}
}

func (m *model) Vetoes(g int32) []int32    { return m.list(m.veto[g]) }
func (m *model) Attackers(g int32) []int32 { return m.list(m.att[g]) }
