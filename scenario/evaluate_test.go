package scenario_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
)

// The tests in this file hold docs/MODEL.md's table of finding codes: for each
// code, cases where it fires (code, severity, actors, guarantees and
// positions checked exactly) and close cases where it must not.

func TestCodes(t *testing.T) {
	want := []scenario.Code{
		"veto-conflict", "captured-guarantee", "red-line", "blocked-by-member",
		"unmet-requirement", "unmet-veto-demand", "rejected-veto", "missing-dependency",
		"captured-renewal", "blocked-renewal",
		"blocked-dependency", "dissenting-member", "no-military-response", "insider-veto",
		"unsatisfiable-trigger", "idle-position", "assurance-only", "sunset", "parties-set-aside",
	}
	if diff := cmp.Diff(want, slices.Collect(scenario.Codes())); diff != "" {
		t.Errorf("Codes() should list docs/MODEL.md's tables in order, errors first: -want +got:\n%s", diff)
	}
	for _, c := range want {
		if got := c.Severity(); got != designSeverity[c] {
			t.Errorf("%s.Severity() = %v; docs/MODEL.md says %v", c, got, designSeverity[c])
		}
	}
	if got := scenario.Code("no-such-code").Severity(); got != 0 {
		t.Errorf("an unknown code's severity = %v; want 0", got)
	}
}

func TestVetoConflict(t *testing.T) {
	two := guarantees(
		g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
		g("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal"),
	)
	runFindingCases(t, scenario.VetoConflict, []findingCase{
		{
			name:   "SeedShape",
			reason: "RU demands a veto over every guarantee to UA and UA rejects any RU veto over them: one finding naming both actors, both positions and every guarantee under both.",
			s: build(two, positions(
				named("ru-veto", pos("RU", scenario.DemandsVeto, toUA)),
				named("ua-no-ru-veto", rejectsVeto("UA", ids("RU"), toUA)),
			)),
			want: []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("ru-veto", "ua-no-ru-veto"))},
		},
		{
			name:   "EmptyByForbidsAnyone",
			reason: "A rejects-veto with an empty by forbids a veto to any actor but the provider, RU included.",
			s: build(two, positions(
				pos("RU", scenario.DemandsVeto, toUA),
				rejectsVeto("UA", nil, toUA),
			)),
			want: []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("positions[0]", "positions[1]"))},
		},
		{
			name:   "OnlyGuaranteesUnderBoth",
			reason: "The finding names only the guarantees that fall under both selectors: military (the demand) by US (the rejection).",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
				g("us-aid", "US", "UA", guarantee.Aid, ""),
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
			), positions(
				pos("RU", scenario.DemandsVeto, sel{Kind: guarantee.Military}),
				rejectsVeto("UA", ids("RU"), sel{Provider: "US"}),
			)),
			want: []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("us-air"), refs("positions[0]", "positions[1]"))},
		},
		{
			name:   "ProviderException",
			reason: "RU's veto over a guarantee RU provides itself is not forbidden by a rejects-veto (the provider exception), so that guarantee is not in the conflict.",
			s: build(guarantees(
				g("ru-aid", "RU", "UA", guarantee.Reconstruction, ""),
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
			), positions(
				pos("RU", scenario.DemandsVeto, toUA),
				rejectsVeto("UA", nil, toUA),
			)),
			want: []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("us-air"), refs("positions[0]", "positions[1]"))},
		},
		{
			name:   "OncePerPairOfPositions",
			reason: "A conflict is reported once per pair of positions, never once per guarantee: RU's demand collides with UA's and with PL's rejection, BY's demand with UA's only.",
			s: build(two, positions(
				pos("RU", scenario.DemandsVeto, toUA),
				pos("BY", scenario.DemandsVeto, toUA),
				rejectsVeto("UA", ids("RU", "BY"), toUA),
				rejectsVeto("PL", ids("RU"), sel{Kind: guarantee.AirSupport}),
			)),
			want: []scenario.Finding{
				finding(scenario.VetoConflict, scenario.Error, ids("BY", "UA"), gids("uk-troops", "us-air"), refs("positions[1]", "positions[2]")),
				finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("positions[0]", "positions[2]")),
				finding(scenario.VetoConflict, scenario.Error, ids("PL", "RU"), gids("us-air"), refs("positions[0]", "positions[3]")),
			},
		},
		{
			name:   "EvenWhenTheDealGrantsTheVeto",
			reason: "The conflict says no deal can satisfy both; it stands whether or not this deal grants RU the veto.",
			s: build(two, positions(
				pos("RU", scenario.DemandsVeto, toUA),
				rejectsVeto("UA", ids("RU"), toUA),
			), vetoes(grant("RU", toUA))),
			want: []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("positions[0]", "positions[1]"))},
		},
		{
			name:   "RejectionByAnotherActor",
			reason: "UA rejects a BY veto, not an RU one: RU's demand does not collide with it.",
			s: build(two, positions(
				pos("RU", scenario.DemandsVeto, toUA),
				rejectsVeto("UA", ids("BY"), toUA),
			)),
			want: nil,
		},
		{
			name:   "DisjointSelectors",
			reason: "RU demands a veto over sanctions, UA rejects an RU veto over military guarantees: no guarantee falls under both.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
				g("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, ""),
			), positions(
				pos("RU", scenario.DemandsVeto, sel{Kind: guarantee.Sanctions}),
				rejectsVeto("UA", ids("RU"), sel{Kind: guarantee.Military}),
			)),
			want: nil,
		},
		{
			name:   "OnlyTheDemandersOwnGuarantees",
			reason: "The only guarantee under both is one RU provides: the rejection does not forbid a provider's veto, so there is no conflict.",
			s: build(guarantees(
				g("ru-aid", "RU", "UA", guarantee.Aid, ""),
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
			), positions(
				pos("RU", scenario.DemandsVeto, sel{Provider: "RU"}),
				rejectsVeto("UA", ids("RU"), toUA),
			)),
			want: nil,
		},
		{
			name:   "NothingOnTheTable",
			reason: "Both positions pick guarantees to GE, and there are none: no guarantee falls under both.",
			s: build(two, positions(
				pos("RU", scenario.DemandsVeto, sel{Beneficiary: "GE"}),
				rejectsVeto("GE", ids("RU"), sel{Beneficiary: "GE"}),
			)),
			want: nil,
		},
	})
}

func TestCapturedGuarantee(t *testing.T) {
	captured := func(attackers []actor.ID, g guarantee.ID) []scenario.Finding {
		return []scenario.Finding{finding(scenario.CapturedGuarantee, scenario.Error, attackers, gids(g), nil)}
	}
	runFindingCases(t, scenario.CapturedGuarantee, []findingCase{
		{
			name:   "GrantedVeto",
			reason: "The deal grants RU a veto over a guarantee that answers an RU attack.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				vetoes(grant("RU", toUA))),
			want: captured(ids("RU"), "us-air"),
		},
		{
			name:   "UnanimityBodyWithTheAttacker",
			reason: "The guarantors act only unanimously, RU among them: every member of a unanimity body holds a veto.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "guarantee"),
		},
		{
			name:   "UnanimityIsTheDefaultOfAnAlliance",
			reason: "An alliance with no rule decides by unanimity, so RU holds a veto in it.",
			s: build(actors(alliance("guarantors", actor.Default, "US", "RU")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "guarantee"),
		},
		{
			name:   "BodyActivationThroughUnanimity",
			reason: "US provides, but only on a decision of the guarantors, who decide unanimously with RU among them.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("body(guarantors)")))),
			want: captured(ids("RU"), "us-air"),
		},
		{
			name:   "AttackerInsideAny",
			reason: "An attacker is anyone named first in an attack or violation anywhere in the trigger, here inside any(...) inside all(...).",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "all(peace-deal, any(ceasefire, attack(RU, UA)))")),
				vetoes(grant("RU", sel{IDs: gids("us-air")}))),
			want: captured(ids("RU"), "us-air"),
		},
		{
			name:   "ViolationUnderNot",
			reason: "violation(BY) names BY as an attacker even under not(...): docs/MODEL.md says anywhere in the trigger.",
			s:      build(guarantees(g("us-aid", "US", "UA", guarantee.Aid, "all(peace-deal, not(violation(BY)))", activation("consent(BY)")))),
			want:   captured(ids("BY"), "us-aid"),
		},
		{
			name:   "ProviderIsTheAttacker",
			reason: "The 1994 Budapest Memorandum: RU gave UA an assurance against an attack by RU, and acts on it by its own decision.",
			s:      build(guarantees(g("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", strength(guarantee.Assurance)))),
			want:   captured(ids("RU"), "budapest"),
		},
		{
			name:   "SecurityCouncil",
			reason: "An assurance routed through a Security Council-like body (majority, explicit vetoes of the five permanent members) where the aggressor votes.",
			s: build(actors(unsc()),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("body(UNSC)")))),
			want: captured(ids("RU"), "us-air"),
		},
		{
			name:   "ConsentOfTheAttacker",
			reason: "consent(RU): RU must agree in addition to the provider.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(PL, RU)")))),
			want:   captured(ids("RU"), "us-air"),
		},
		{
			name:   "MajorityOfTwo",
			reason: "Under majority a body of two needs both, so each member holds a veto.",
			s: build(actors(alliance("pair", actor.Majority, "US", "RU")),
				guarantees(g("pair-force", "pair", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "pair-force"),
		},
		{
			name:   "TwoAttackersBothHoldVetoes",
			reason: "Both attackers of the trigger sit in the unanimity body: one finding names both.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "RU", "BY")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "any(attack(RU, UA), attack(BY, UA))"))),
			want: captured(ids("BY", "RU"), "guarantee"),
		},
		{
			name:   "OneFindingPerGuarantee",
			reason: "Each captured guarantee has its own finding.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				g("uk-naval", "UK", "UA", guarantee.Naval, "attack(RU, UA)"),
			), vetoes(grant("RU", toUA))),
			want: []scenario.Finding{
				finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("uk-naval"), nil),
				finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("us-air"), nil),
			},
		},
		{
			name:   "VetoThroughAMemberBody",
			reason: "Membership is transitive: RU can block CSTO (unanimity), which can block the guarantors (unanimity), so RU holds a veto over what the guarantors provide.",
			s: build(actors(
				alliance("CSTO", actor.Unanimity, "RU", "BY"),
				alliance("guarantors", actor.Unanimity, "US", "CSTO"),
			), guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: captured(ids("RU"), "guarantee"),
		},
		{
			name:   "ConsentOfABodyWithTheAttacker",
			reason: "consent(CSTO), CSTO unanimous with RU among its members: the implementation counts the veto holders of a consenting body's rule (RU) as veto holders of g. docs/MODEL.md says only \"consent: the listed actors plus the provider's\"; this pins the reading that a body consents by its rule.",
			s: build(actors(alliance("CSTO", actor.Unanimity, "RU", "BY")),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(CSTO)")))),
			want: captured(ids("RU"), "us-air"),
		},
		{
			name:   "AutomaticActivation",
			reason: "The Budapest case made automatic: nobody's consent is needed, so the attacker cannot stop it even as its provider.",
			s:      build(guarantees(g("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", activation("automatic")))),
			want:   nil,
		},
		{
			name:   "NoVetoForTheAttacker",
			reason: "US provides by its own decision; RU holds no veto.",
			s:      build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"))),
			want:   nil,
		},
		{
			name:   "MajorityOfThree",
			reason: "Under majority a body of three acts without any one member: RU holds no veto.",
			s: build(actors(alliance("trio", actor.Majority, "US", "UK", "RU")),
				guarantees(g("trio-force", "trio", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "CoalitionWithTheAttacker",
			reason: "A coalition decides separately: RU is a member but holds no veto over what the coalition provides.",
			s: build(actors(coalition("guarantors", "US", "UK", "RU")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "attack(RU, UA)"))),
			want: nil,
		},
		{
			name:   "SecurityCouncilElectedMember",
			reason: "DZ sits on the Security Council-like body without a veto: an attack by DZ does not capture it.",
			s: build(actors(unsc()),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(DZ, UA)", activation("body(UNSC)")))),
			want: nil,
		},
		{
			name:   "BodyAttackerDecidesItself",
			reason: "docs/MODEL.md, read literally: under body(X), V(g) is \"the veto holders of X's rule\", which does not include X itself; so a guarantee against an attack by CSTO that needs CSTO's own decision is not captured. This pins the literal reading, which a researcher may not expect.",
			s: build(actors(alliance("CSTO", actor.Unanimity, "RU", "BY")),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(CSTO, UA)", activation("body(CSTO)")))),
			want: nil,
		},
		{
			name:   "VetoHolderIsNotTheAttacker",
			reason: "RU holds a granted veto, but the trigger answers an attack by BY; RU appears only as the one attacked.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "any(attack(BY, UA), attack(BY, RU))")),
				vetoes(grant("RU", toUA))),
			want: nil,
		},
		{
			name:   "OtherEventsNameNoAttacker",
			reason: "An actor named in an event other than attack or violation is not an attacker.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "withdrawal(RU)")),
				vetoes(grant("RU", toUA))),
			want: nil,
		},
		{
			name:   "EmptyTrigger",
			reason: "An empty trigger names no attacker, whoever holds a veto.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				vetoes(grant("RU", toUA))),
			want: nil,
		},
		{
			name:   "GrantOverAnotherGuarantee",
			reason: "The granted veto covers only the naval guarantee, whose trigger does not name RU.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				g("tr-naval", "TR", "UA", guarantee.Naval, "peace-deal"),
			), vetoes(grant("RU", sel{Kind: guarantee.Naval}))),
			want: nil,
		},
	})
}

func TestRedLine(t *testing.T) {
	runFindingCases(t, scenario.RedLine, []findingCase{
		{
			name:   "Rejects",
			reason: "RU rejects ground troops in UA, and the deal has them.",
			s: build(guarantees(
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", location("UA")),
				g("fr-troops", "FR", "UA", guarantee.GroundTroops, "", location("UA")),
				g("us-air", "US", "UA", guarantee.AirSupport, "", location("UA")),
			), positions(named("ru-no-troops", pos("RU", scenario.Rejects, sel{Kind: guarantee.GroundTroops, Location: "UA"})))),
			want: []scenario.Finding{finding(scenario.RedLine, scenario.Error, ids("RU"), gids("fr-troops", "uk-troops"), refs("ru-no-troops"))},
		},
		{
			name:   "RejectsByProviderIn",
			reason: "RU rejects troops from NATO countries whatever flag they serve under: the coalition's troops have NATO members among their contributors, TR's are not picked.",
			s: build(actors(
				alliance("NATO", actor.Unanimity, "US", "UK", "FR"),
				coalition("willing", "UK", "PL"),
			), guarantees(
				g("willing-troops", "willing", "UA", guarantee.GroundTroops, ""),
				g("tr-troops", "TR", "UA", guarantee.GroundTroops, ""),
			), positions(pos("RU", scenario.Rejects, sel{Kind: guarantee.GroundTroops, ProviderIn: "NATO"}))),
			want: []scenario.Finding{finding(scenario.RedLine, scenario.Error, ids("RU"), gids("willing-troops"), refs("positions[0]"))},
		},
		{
			name:   "RefusesAsProvider",
			reason: "US refuses to provide ground troops but is the provider of some.",
			s: build(guarantees(
				g("us-troops", "US", "UA", guarantee.GroundTroops, ""),
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
			), positions(pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: []scenario.Finding{finding(scenario.RedLine, scenario.Error, ids("US"), gids("us-troops"), refs("positions[0]"))},
		},
		{
			name:   "BodyRefusesAsProvider",
			reason: "A body that refuses what it provides itself crosses its own red line.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "UK")),
				guarantees(g("nato-troops", "NATO", "UA", guarantee.GroundTroops, "")),
				positions(pos("NATO", scenario.Refuses, sel{Kind: guarantee.Military}))),
			want: []scenario.Finding{finding(scenario.RedLine, scenario.Error, ids("NATO"), gids("nato-troops"), refs("positions[0]"))},
		},
		{
			name:   "RejectsByAVetoHolder",
			reason: "A rejects position is a red line whoever holds it, a member with a veto included (blocked-by-member fires too).",
			s: build(actors(alliance("EU", actor.Unanimity, "FR", "DE", "PL")),
				guarantees(g("eu-sanctions", "EU", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("DE", scenario.Rejects, sel{Kind: guarantee.Sanctions}))),
			want: []scenario.Finding{finding(scenario.RedLine, scenario.Error, ids("DE"), gids("eu-sanctions"), refs("positions[0]"))},
		},
		{
			name:   "RefusesWhatOthersProvide",
			reason: "US refuses ground troops; the troops are the European coalition's, of which US is no member.",
			s: build(actors(coalition("europe", "UK", "FR")),
				guarantees(g("europe-troops", "europe", "UA", guarantee.GroundTroops, "")),
				positions(pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "RefusesAsCoalitionMember",
			reason: "A coalition member that refuses only dissents (dissenting-member): it is not the provider.",
			s: build(actors(coalition("europe", "UK", "FR")),
				guarantees(g("europe-troops", "europe", "UA", guarantee.GroundTroops, "")),
				positions(pos("FR", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "RefusesAsUnanimityMember",
			reason: "A unanimity member that refuses blocks the body (blocked-by-member); it is not the provider, so no red line.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "TR")),
				guarantees(g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions}))),
			want: nil,
		},
		{
			name:   "RejectsWhatIsNotThere",
			reason: "RU rejects naval guarantees; the deal has only air support.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				positions(pos("RU", scenario.Rejects, sel{Kind: guarantee.Naval}))),
			want: nil,
		},
	})
}

func TestBlockedByMember(t *testing.T) {
	runFindingCases(t, scenario.BlockedByMember, []findingCase{
		{
			name:   "UnanimityMemberRefuses",
			reason: "A member of a unanimity alliance that refuses sanctions can block the alliance's sanctions.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "UK", "TR")),
				guarantees(
					g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
					g("nato-air", "NATO", "UA", guarantee.AirSupport, "attack(RU, UA)"),
				),
				positions(named("tr-no-sanctions", pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions})))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("NATO", "TR"), gids("nato-sanctions"), refs("tr-no-sanctions"))},
		},
		{
			name:   "UnanimityMemberRejects",
			reason: "A unanimity member's rejects blocks too (alongside the red line), once per guarantee.",
			s: build(actors(body("EU", actor.Organization, actor.Default, "FR", "DE", "PL")),
				guarantees(
					g("eu-sanctions", "EU", "UA", guarantee.EconomicSanctions, ""),
					g("eu-snapback", "EU", "UA", guarantee.Snapback, ""),
				),
				positions(pos("DE", scenario.Rejects, sel{Kind: guarantee.Sanctions}))),
			want: []scenario.Finding{
				finding(scenario.BlockedByMember, scenario.Error, ids("DE", "EU"), gids("eu-sanctions"), refs("positions[0]")),
				finding(scenario.BlockedByMember, scenario.Error, ids("DE", "EU"), gids("eu-snapback"), refs("positions[0]")),
			},
		},
		{
			name:   "ExplicitVetoInMajorityBody",
			reason: "CN holds an explicit veto in the Security Council-like body, whatever the count.",
			s: build(actors(unsc()),
				guarantees(g("unsc-sanctions", "UNSC", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("CN", scenario.Refuses, sel{Kind: guarantee.Sanctions}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("CN", "UNSC"), gids("unsc-sanctions"), refs("positions[0]"))},
		},
		{
			name:   "MajorityOfTwo",
			reason: "Under majority each member of a body of two holds a veto.",
			s: build(actors(alliance("pair", actor.Majority, "US", "UK")),
				guarantees(g("pair-air", "pair", "UA", guarantee.AirSupport, "")),
				positions(pos("UK", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("UK", "pair"), gids("pair-air"), refs("positions[0]"))},
		},
		{
			name:   "ExplicitVetoInCoalition",
			reason: "A coalition's explicit veto holder can block what the others would do.",
			s: build(actors(withVetoes(coalition("willing", "UK", "FR", "PL"), "UK")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("UK", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("UK", "willing"), gids("willing-troops"), refs("positions[0]"))},
		},
		{
			name:   "ThresholdLeavesTooFew",
			reason: "A threshold of 3 of 3 makes every member a veto holder, whatever Decides says.",
			s: build(actors(actor.Actor{ID: "trio", Kind: actor.Alliance, Decides: actor.Majority, Threshold: 3, Members: ids("US", "UK", "FR")}),
				guarantees(g("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				positions(pos("FR", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("FR", "trio"), gids("trio-air"), refs("positions[0]"))},
		},
		{
			name:   "AutomaticActivationStillBlocked",
			reason: "docs/MODEL.md ties blocked-by-member to \"a veto holder of that body's rule\", not to V(g): TR still blocks NATO's automatic sanctions, though V(g) is empty. This pins that literal reading.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "TR")),
				guarantees(g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "", activation("automatic"))),
				positions(pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("NATO", "TR"), gids("nato-sanctions"), refs("positions[0]"))},
		},
		{
			name:   "VetoThroughAMemberBody",
			reason: "Membership is transitive: DE can block the EU (unanimity), which can block the alliance (unanimity), so DE's refusal blocks the alliance's guarantee.",
			s: build(actors(body("EU", actor.Organization, actor.Unanimity, "FR", "DE"), alliance("west", actor.Unanimity, "US", "EU")),
				guarantees(g("west-sanctions", "west", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("DE", scenario.Refuses, sel{Kind: guarantee.Sanctions}))),
			want: []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("DE", "west"), gids("west-sanctions"), refs("positions[0]"))},
		},
		{
			name:   "CoalitionMemberRefuses",
			reason: "A coalition member acts for itself and cannot block the others: only dissenting-member.",
			s: build(actors(coalition("willing", "UK", "FR", "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "MajorityOfThreeMemberRefuses",
			reason: "A member of a majority body of three holds no veto.",
			s: build(actors(alliance("trio", actor.Majority, "US", "UK", "FR")),
				guarantees(g("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				positions(pos("FR", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
		{
			name:   "BodyItselfRefuses",
			reason: "The provider refusing its own guarantee is a red line, not a member's block.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "UK")),
				guarantees(g("nato-air", "NATO", "UA", guarantee.AirSupport, "")),
				positions(pos("NATO", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
		{
			name:   "StateProvider",
			reason: "A guarantee a state provides has no body rule to block; UK is no contributor.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				positions(pos("UK", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
		{
			name:   "RefusesOtherKinds",
			reason: "TR holds a veto in NATO but refuses only ground troops, which NATO does not offer.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "TR")),
				guarantees(g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("TR", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
	})
}

func TestUnmetRequirement(t *testing.T) {
	runFindingCases(t, scenario.UnmetRequirement, []findingCase{
		{
			name:   "NothingMatches",
			reason: "UA requires a military guarantee and the deal has only money.",
			s: build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "")),
				positions(named("ua-needs-military", pos("UA", scenario.Requires, sel{Kind: guarantee.Military, Beneficiary: "UA"})))),
			want: []scenario.Finding{finding(scenario.UnmetRequirement, scenario.Error, ids("UA"), nil, refs("ua-needs-military"))},
		},
		{
			name:   "ByIDNotOnTheTable",
			reason: "A requires that names a guarantee the deal lacks is unmet.",
			s: build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "")),
				positions(pos("UA", scenario.Requires, sel{IDs: gids("us-backstop")}))),
			want: []scenario.Finding{finding(scenario.UnmetRequirement, scenario.Error, ids("UA"), nil, refs("positions[0]"))},
		},
		{
			name:   "EmptyScenario",
			reason: "With no guarantee at all, every requires is unmet, each reported once.",
			s: build(positions(
				pos("UA", scenario.Requires, sel{Kind: guarantee.Military}),
				pos("US", scenario.Requires, sel{Provider: "FR"}),
			)),
			want: []scenario.Finding{
				finding(scenario.UnmetRequirement, scenario.Error, ids("UA"), nil, refs("positions[0]")),
				finding(scenario.UnmetRequirement, scenario.Error, ids("US"), nil, refs("positions[1]")),
			},
		},
		{
			name:   "MetByASubKind",
			reason: "Air support is a military guarantee (Kind.Is).",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				positions(pos("UA", scenario.Requires, sel{Kind: guarantee.Military, Beneficiary: "UA"}))),
			want: nil,
		},
		{
			name:   "MetThroughProviderIn",
			reason: "US requires Europe to take part: the coalition's guarantee has FR among its contributors, and FR is in europe.",
			s: build(actors(body("europe", actor.Organization, actor.Unanimity, "FR", "DE"), coalition("willing", "FR", "TR")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("US", scenario.Requires, sel{ProviderIn: "europe"}))),
			want: nil,
		},
	})
}

func TestUnmetVetoDemand(t *testing.T) {
	two := guarantees(
		g("us-air", "US", "UA", guarantee.AirSupport, ""),
		g("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	demand := positions(named("ru-veto", pos("RU", scenario.DemandsVeto, toUA)))
	runFindingCases(t, scenario.UnmetVetoDemand, []findingCase{
		{
			name:   "NoVeto",
			reason: "RU demands a veto over every guarantee to UA and holds none: one finding with every such guarantee.",
			s:      build(two, demand),
			want:   []scenario.Finding{finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("uk-troops", "us-air"), refs("ru-veto"))},
		},
		{
			name:   "PartlyGranted",
			reason: "The deal grants RU a veto over the air support only: the troops remain.",
			s:      build(two, demand, vetoes(grant("RU", sel{IDs: gids("us-air")}))),
			want:   []scenario.Finding{finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("uk-troops"), refs("ru-veto"))},
		},
		{
			name:   "AutomaticProvider",
			reason: "RU provides the guarantee, but it is automatic: nobody, not even its provider, can stop it.",
			s: build(guarantees(g("ru-aid", "RU", "UA", guarantee.Aid, "", activation("automatic"))),
				demand),
			want: []scenario.Finding{finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("ru-aid"), refs("ru-veto"))},
		},
		{
			name:   "MajorityOfThree",
			reason: "RU sits in a majority body of three that provides the guarantee, without a veto.",
			s: build(actors(alliance("trio", actor.Majority, "US", "UK", "RU")),
				guarantees(g("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				demand),
			want: []scenario.Finding{finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("trio-air"), refs("ru-veto"))},
		},
		{
			name:   "BodyDecidesButIsNotItsOwnVetoHolder",
			reason: "docs/MODEL.md, read literally: under body(EU), V(g) is \"the veto holders of X's rule\" (FR, DE), not the EU itself; so the EU's demand for a veto over a guarantee only it can activate is unmet. This pins the literal reading.",
			s: build(actors(body("EU", actor.Organization, actor.Unanimity, "FR", "DE")),
				guarantees(g("fr-aid", "FR", "UA", guarantee.Aid, "", activation("body(EU)"))),
				positions(pos("EU", scenario.DemandsVeto, toUA))),
			want: []scenario.Finding{finding(scenario.UnmetVetoDemand, scenario.Error, ids("EU"), gids("fr-aid"), refs("positions[0]"))},
		},
		{
			name:   "Granted",
			reason: "The deal grants RU a veto over every guarantee to UA.",
			s:      build(two, demand, vetoes(grant("RU", toUA))),
			want:   nil,
		},
		{
			name:   "MetThroughUnanimityMembership",
			reason: "The guarantors act only unanimously, RU among them: RU holds a veto without any grant.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "")),
				demand),
			want: nil,
		},
		{
			name:   "MetThroughBodyActivation",
			reason: "US and UK act only on a unanimous decision of the guarantors, RU among them.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(
					g("us-air", "US", "UA", guarantee.AirSupport, "", activation("body(guarantors)")),
					g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", activation("body(guarantors)")),
				),
				demand),
			want: nil,
		},
		{
			name:   "MetThroughSecurityCouncil",
			reason: "RU is an explicit veto holder of the Security Council-like body that decides.",
			s: build(actors(unsc()),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "", activation("body(UNSC)"))),
				demand),
			want: nil,
		},
		{
			name:   "MetThroughConsent",
			reason: "consent(RU): RU must agree to each guarantee.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "", activation("consent(RU)")),
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", activation("consent(RU)")),
			), demand),
			want: nil,
		},
		{
			name:   "MetAsProvider",
			reason: "A state that provides a guarantee by its own decision can stop it.",
			s:      build(guarantees(g("ru-aid", "RU", "UA", guarantee.Aid, "")), demand),
			want:   nil,
		},
	})
}

func TestRejectedVeto(t *testing.T) {
	two := guarantees(
		g("us-air", "US", "UA", guarantee.AirSupport, ""),
		g("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	runFindingCases(t, scenario.RejectedVeto, []findingCase{
		{
			name:   "GrantedVeto",
			reason: "The deal grants RU the veto UA rejects: one finding naming UA, the holder and every guarantee.",
			s: build(two,
				positions(named("ua-no-ru-veto", rejectsVeto("UA", ids("RU"), toUA))),
				vetoes(grant("RU", toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("ua-no-ru-veto"))},
		},
		{
			name:   "ThroughUnanimityMembership",
			reason: "RU holds a veto as a member of the unanimity body that provides.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(g("guarantee", "guarantors", "UA", guarantee.Military, "")),
				positions(rejectsVeto("UA", ids("RU"), toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), gids("guarantee"), refs("positions[0]"))},
		},
		{
			name:   "EmptyByAnyoneButTheProvider",
			reason: "With an empty by, any veto holder but the provider violates it: PL must consent to US's guarantee.",
			s: build(two,
				guarantees(g("us-naval", "US", "UA", guarantee.Naval, "", activation("consent(PL)"))),
				positions(rejectsVeto("UA", nil, toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("PL", "UA"), gids("us-naval"), refs("positions[0]"))},
		},
		{
			name:   "ByANamedActorWhoMustConsent",
			reason: "UK's guarantee needs US's consent; UA rejects any US veto. US is not UK's guarantee's provider.",
			s: build(guarantees(
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", activation("consent(US)")),
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
			), positions(rejectsVeto("UA", ids("US"), toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("UA", "US"), gids("uk-troops"), refs("positions[0]"))},
		},
		{
			name:   "SeveralHolders",
			reason: "One finding per position, naming every rejected holder of every guarantee it picks.",
			s: build(two,
				positions(rejectsVeto("UA", ids("RU", "BY"), toUA)),
				vetoes(grant("RU", sel{IDs: gids("us-air")}), grant("BY", sel{IDs: gids("uk-troops")}))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("BY", "RU", "UA"), gids("uk-troops", "us-air"), refs("positions[0]"))},
		},
		{
			name:   "EmptyByAndABodyProvider",
			reason: "docs/MODEL.md: an empty by \"means any actor other than the provider\". The members of a unanimity provider are not the provider, so their vetoes violate it. This pins the literal reading; docs/MODEL.md does not say whether a body's own members count as \"its own provider\".",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "UK")),
				guarantees(g("nato-air", "NATO", "UA", guarantee.AirSupport, "")),
				positions(rejectsVeto("UA", nil, toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("UA", "UK", "US"), gids("nato-air"), refs("positions[0]"))},
		},
		{
			name:   "EmptyByAndTheRejectersOwnVeto",
			reason: "docs/MODEL.md: an empty by means any actor other than the provider, so UA's own consent violates UA's own rejects-veto. This pins the literal reading; the message's \"by others\" suggests the rejecting actor was meant to be exempt (see TestKnownBugs for the message).",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "", activation("consent(UA)"))),
				positions(rejectsVeto("UA", nil, toUA))),
			want: []scenario.Finding{finding(scenario.RejectedVeto, scenario.Error, ids("UA"), gids("us-air"), refs("positions[0]"))},
		},
		{
			name:   "ProviderException",
			reason: "UA rejects any US veto, but US provides the guarantee itself: its own provider's veto does not count.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				positions(rejectsVeto("UA", ids("US"), toUA))),
			want: nil,
		},
		{
			name:   "EmptyByStateProviders",
			reason: "With an empty by, states that decide alone give no one but themselves a veto.",
			s:      build(two, positions(rejectsVeto("UA", nil, toUA))),
			want:   nil,
		},
		{
			name:   "VetoOverOtherGuarantees",
			reason: "RU's granted veto covers guarantees to GE, which UA's position does not pick.",
			s: build(two,
				guarantees(g("us-ge", "US", "GE", guarantee.Aid, "")),
				positions(rejectsVeto("UA", ids("RU"), toUA)),
				vetoes(grant("RU", sel{Beneficiary: "GE"}))),
			want: nil,
		},
		{
			name:   "OtherHolder",
			reason: "UA rejects a BY veto; RU holds one.",
			s: build(two,
				positions(rejectsVeto("UA", ids("BY"), toUA)),
				vetoes(grant("RU", toUA))),
			want: nil,
		},
	})
}

func TestMissingDependency(t *testing.T) {
	runFindingCases(t, scenario.MissingDependency, []findingCase{
		{
			name:   "BackstopAbsent",
			reason: "A European force that stands only with a US backstop the deal does not contain: the finding names both.",
			s:      build(guarantees(g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")))),
			want:   []scenario.Finding{finding(scenario.MissingDependency, scenario.Error, nil, gids("europe-force", "us-backstop"), nil)},
		},
		{
			name:   "OnePresentOneAbsent",
			reason: "Only the absent requirement is named.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-intel", "us-air")),
				g("us-intel", "US", "UA", guarantee.Surveillance, ""),
			)),
			want: []scenario.Finding{finding(scenario.MissingDependency, scenario.Error, nil, gids("europe-force", "us-air"), nil)},
		},
		{
			name:   "RequiredTwice",
			reason: "An absent guarantee required twice is named once.",
			s:      build(guarantees(g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop", "us-backstop")))),
			want:   []scenario.Finding{finding(scenario.MissingDependency, scenario.Error, nil, gids("europe-force", "us-backstop"), nil)},
		},
		{
			name:   "EachGuaranteeItsOwn",
			reason: "Two guarantees that each miss a dependency have a finding each.",
			s: build(guarantees(
				g("uk-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("fr-force", "FR", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
			)),
			want: []scenario.Finding{
				finding(scenario.MissingDependency, scenario.Error, nil, gids("fr-force", "us-backstop"), nil),
				finding(scenario.MissingDependency, scenario.Error, nil, gids("uk-force", "us-backstop"), nil),
			},
		},
		{
			name:   "Present",
			reason: "The backstop is on the table.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			)),
			want: nil,
		},
		{
			name:   "PresentWithErrors",
			reason: "The backstop is on the table though it crosses a red line: that is blocked-dependency, not missing-dependency.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), positions(pos("RU", scenario.Rejects, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
	})
}

func TestBlockedDependency(t *testing.T) {
	runFindingCases(t, scenario.BlockedDependency, []findingCase{
		{
			name:   "BackstopCrossesARedLine",
			reason: "The force requires the US backstop, which US refuses to provide (red-line): the force leans on something with an error.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), positions(pos("US", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: []scenario.Finding{finding(scenario.BlockedDependency, scenario.Warning, nil, gids("europe-force", "us-backstop"), nil)},
		},
		{
			name:   "RequiredOneMissesItsOwn",
			reason: "b requires an absent c (missing-dependency, an error naming b), so a, which requires b, is blocked.",
			s: build(guarantees(
				g("a", "UK", "UA", guarantee.GroundTroops, "", requires("b")),
				g("b", "US", "UA", guarantee.AirSupport, "", requires("c")),
			)),
			want: []scenario.Finding{finding(scenario.BlockedDependency, scenario.Warning, nil, gids("a", "b"), nil)},
		},
		{
			name:   "OnlyTheDirectDependent",
			reason: "c is captured (an error); b requires c and is blocked; a requires b, whose only finding of its own is that warning, so a is not.",
			s: build(guarantees(
				g("a", "UK", "UA", guarantee.GroundTroops, "", requires("b")),
				g("b", "FR", "UA", guarantee.GroundTroops, "", requires("c")),
				g("c", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(RU)")),
			)),
			want: []scenario.Finding{finding(scenario.BlockedDependency, scenario.Warning, nil, gids("b", "c"), nil)},
		},
		{
			name:   "RequiredIsClean",
			reason: "The backstop has no finding of its own.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			)),
			want: nil,
		},
		{
			name:   "RequiredHasOnlyAWarning",
			reason: "The backstop has a dissenting member, a warning: that is not an error finding.",
			s: build(actors(coalition("willing", "US", "PL")),
				guarantees(
					g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("backstop")),
					g("backstop", "willing", "UA", guarantee.AirSupport, ""),
				),
				positions(pos("PL", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
		{
			name:   "ErrorOnTheDependentOnly",
			reason: "The force itself crosses a red line; what it requires is clean.",
			s: build(guarantees(
				g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
				g("us-backstop", "US", "UA", guarantee.AirSupport, ""),
			), positions(pos("RU", scenario.Rejects, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
	})
}

func TestDissentingMember(t *testing.T) {
	runFindingCases(t, scenario.DissentingMember, []findingCase{
		{
			name:   "CoalitionMember",
			reason: "PL refuses ground troops and is a member of the coalition that provides them: it will not take part, the others still can.",
			s: build(actors(coalition("willing", "UK", "FR", "PL")),
				guarantees(
					g("willing-troops", "willing", "UA", guarantee.GroundTroops, ""),
					g("willing-aid", "willing", "UA", guarantee.Aid, ""),
				),
				positions(named("pl-no-troops", pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops})))),
			want: []scenario.Finding{finding(scenario.DissentingMember, scenario.Warning, ids("PL", "willing"), gids("willing-troops"), refs("pl-no-troops"))},
		},
		{
			name:   "MajorityMember",
			reason: "A member of a majority body of three holds no veto.",
			s: build(actors(alliance("trio", actor.Majority, "US", "UK", "FR")),
				guarantees(g("trio-air", "trio", "UA", guarantee.AirSupport, "")),
				positions(pos("FR", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: []scenario.Finding{finding(scenario.DissentingMember, scenario.Warning, ids("FR", "trio"), gids("trio-air"), refs("positions[0]"))},
		},
		{
			name:   "MemberOfAMember",
			reason: "DE is in the nordic alliance, itself in the coalition: a contributor at depth two with no veto in the coalition's rule.",
			s: build(actors(alliance("nordic", actor.Unanimity, "FI", "DE"), coalition("willing", "UK", "nordic")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("DE", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: []scenario.Finding{finding(scenario.DissentingMember, scenario.Warning, ids("DE", "willing"), gids("willing-troops"), refs("positions[0]"))},
		},
		{
			name:   "UnanimityMember",
			reason: "A unanimity member that refuses blocks (blocked-by-member); it does not merely dissent.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "UK", "TR")),
				guarantees(g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "")),
				positions(pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions}))),
			want: nil,
		},
		{
			name:   "ExplicitVetoInCoalition",
			reason: "A coalition member with an explicit veto blocks rather than dissents.",
			s: build(actors(withVetoes(coalition("willing", "UK", "PL"), "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "Provider",
			reason: "The provider's own refusal is a red line, not a dissent.",
			s: build(actors(coalition("willing", "UK", "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("willing", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "RejectsIsNotRefuses",
			reason: "A coalition member that rejects (no deal may contain it) crosses a red line; dissenting-member is about refusing to take part.",
			s: build(actors(coalition("willing", "UK", "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("PL", scenario.Rejects, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
		{
			name:   "NotAContributor",
			reason: "US refuses ground troops but is no member of the coalition that provides them.",
			s: build(actors(coalition("willing", "UK", "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops}))),
			want: nil,
		},
	})
}

func TestNoMilitaryResponse(t *testing.T) {
	runFindingCases(t, scenario.NoMilitaryResponse, []findingCase{
		{
			name:   "TimelineOnly",
			reason: "RU attacks GE in the timeline; no guarantee names RU, and GE has only money.",
			s: build(guarantees(g("eu-aid", "FR", "GE", guarantee.Aid, "")),
				timeline("peace-deal", "attack(RU, GE)")),
			want: []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("GE", "RU"), nil, nil)},
		},
		{
			name:   "TimelineBeneficiaryWithoutGuarantees",
			reason: "attack(RU, GE) in the timeline makes RU a named attacker of GE even when GE has no guarantee at all.",
			s:      build(timeline("attack(RU, GE)")),
			want:   []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("GE", "RU"), nil, nil)},
		},
		{
			name:   "OnlySanctionsAnswer",
			reason: "Sanctions answer an RU attack on UA; nothing military does.",
			s:      build(guarantees(g("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"))),
			want:   []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), nil, nil)},
		},
		{
			name:   "ViolationInATrigger",
			reason: "violation(BY) in the trigger of a guarantee to UA makes BY a named attacker of UA.",
			s:      build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "violation(BY)"))),
			want:   []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("BY", "UA"), nil, nil)},
		},
		{
			name:   "MilitaryButCaptured",
			reason: "The only military answer to an RU attack is captured by RU's consent: it has an error, and the finding names it.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(RU)")),
				g("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			)),
			want: []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), gids("us-air"), nil)},
		},
		{
			name:   "MilitaryButNotAnsweringTheAttacker",
			reason: "UK's troops are due on the peace deal and name no attacker; the timeline's RU attack finds no military answer.",
			s: build(guarantees(g("uk-troops", "UK", "UA", guarantee.GroundTroops, "peace-deal")),
				timeline("attack(RU, UA)")),
			want: []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), nil, nil)},
		},
		{
			name:   "AnsweredForOneBeneficiaryOnly",
			reason: "An RU attack on UA has a military answer; an RU attack on GE (timeline) does not.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				timeline("attack(RU, UA)", "attack(RU, GE)")),
			want: []scenario.Finding{finding(scenario.NoMilitaryResponse, scenario.Warning, ids("GE", "RU"), nil, nil)},
		},
		{
			name:   "Answered",
			reason: "A clean military guarantee to UA answers an RU attack.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "all(peace-deal, attack(RU, UA))"),
				g("eu-sanctions", "FR", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			), timeline("peace-deal", "attack(RU, UA)")),
			want: nil,
		},
		{
			name:   "AnsweredDespiteAWarning",
			reason: "A dissenting member is a warning; the coalition's guarantee is still free of error findings.",
			s: build(actors(coalition("willing", "UK", "PL")),
				guarantees(g("willing-air", "willing", "UA", guarantee.AirSupport, "attack(RU, UA)")),
				positions(pos("PL", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want: nil,
		},
		{
			name:   "ViolationInTheTimeline",
			reason: "Only attack(X, B) in the timeline names an attacker of B; violation(RU) names no one attacked.",
			s: build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "")),
				timeline("peace-deal", "violation(RU)")),
			want: nil,
		},
		{
			name:   "NoAttackerAnywhere",
			reason: "No trigger and no timeline event names an attacker.",
			s: build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "peace-deal")),
				timeline("peace-deal", "ceasefire")),
			want: nil,
		},
	})
}

func TestUnsatisfiableTrigger(t *testing.T) {
	runFindingCases(t, scenario.UnsatisfiableTrigger, []findingCase{
		{
			name:   "ContradictsItself",
			reason: "all(peace-deal, not(peace-deal)) can never hold: a dead letter.",
			s: build(guarantees(
				g("dead", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(peace-deal))"),
				g("live", "UK", "UA", guarantee.Naval, "peace-deal"),
			)),
			want: []scenario.Finding{finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, gids("dead"), nil)},
		},
		{
			name:   "ContradictionThroughAny",
			reason: "attack(RU, UA) and not(any(attack(RU, UA), ceasefire)) cannot both hold.",
			s:      build(guarantees(g("dead", "US", "UA", guarantee.AirSupport, "all(attack(RU, UA), not(any(ceasefire, attack(RU, UA))))"))),
			want:   []scenario.Finding{finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, gids("dead"), nil)},
		},
		{
			name:   "DifferentEvents",
			reason: "all(peace-deal, not(ceasefire)) holds when a deal is reached without a ceasefire.",
			s:      build(guarantees(g("live", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(ceasefire))"))),
			want:   nil,
		},
		{
			name:   "SameEventOtherActors",
			reason: "attack(RU, UA) and attack(BY, UA) are different events.",
			s:      build(guarantees(g("live", "US", "UA", guarantee.AirSupport, "all(attack(RU, UA), not(attack(BY, UA)))"))),
			want:   nil,
		},
		{
			name:   "EmptyAndNegated",
			reason: "The empty trigger always holds; not(peace-deal) holds before any deal.",
			s: build(guarantees(
				g("always", "US", "UA", guarantee.AirSupport, ""),
				g("before", "UK", "UA", guarantee.Aid, "not(peace-deal)"),
			)),
			want: nil,
		},
	})
}

func TestIdlePosition(t *testing.T) {
	air := guarantees(g("us-air", "US", "UA", guarantee.AirSupport, ""))
	runFindingCases(t, scenario.IdlePosition, []findingCase{
		{
			name:   "RefusesATypo",
			reason: "military/ground-troop (no s) is a well-formed kind that no guarantee has: the refusal never binds.",
			s:      build(air, positions(named("us-typo", pos("US", scenario.Refuses, sel{Kind: "military/ground-troop"})))),
			want:   []scenario.Finding{finding(scenario.IdlePosition, scenario.Warning, ids("US"), nil, refs("us-typo"))},
		},
		{
			name:   "EveryBindingStance",
			reason: "rejects, demands-veto and rejects-veto that pick nothing are idle too; each is reported.",
			s: build(air, positions(
				pos("RU", scenario.Rejects, sel{IDs: gids("us-troops")}),
				pos("RU", scenario.DemandsVeto, sel{Beneficiary: "GE"}),
				rejectsVeto("UA", ids("RU"), sel{Provider: "CN"}),
			)),
			want: []scenario.Finding{
				finding(scenario.IdlePosition, scenario.Warning, ids("RU"), nil, refs("positions[0]")),
				finding(scenario.IdlePosition, scenario.Warning, ids("RU"), nil, refs("positions[1]")),
				finding(scenario.IdlePosition, scenario.Warning, ids("UA"), nil, refs("positions[2]")),
			},
		},
		{
			name:   "RequiresIsNeverIdle",
			reason: "A requires that finds nothing is unmet-requirement, not idle-position.",
			s:      build(air, positions(pos("UA", scenario.Requires, sel{Kind: guarantee.Naval}))),
			want:   nil,
		},
		{
			name:   "PicksSomethingItDoesNotBind",
			reason: "The refusal picks US air support though UK is no contributor: it picks a guarantee, so it is not idle.",
			s:      build(air, positions(pos("UK", scenario.Refuses, sel{Kind: guarantee.AirSupport}))),
			want:   nil,
		},
		{
			name:   "PicksByParentKind",
			reason: "military picks air support (Kind.Is).",
			s:      build(air, positions(pos("RU", scenario.DemandsVeto, sel{Kind: guarantee.Military}))),
			want:   nil,
		},
	})
}

func TestAssuranceOnly(t *testing.T) {
	runFindingCases(t, scenario.AssuranceOnly, []findingCase{
		{
			name:   "AllAssurances",
			reason: "Every guarantee to UA is an assurance, as under the Budapest Memorandum.",
			s: build(guarantees(
				g("us-assurance", "US", "UA", guarantee.Military, "", strength(guarantee.Assurance)),
				g("uk-assurance", "UK", "UA", guarantee.Military, "", strength(guarantee.Assurance)),
			)),
			want: []scenario.Finding{finding(scenario.AssuranceOnly, scenario.Info, ids("UA"), gids("uk-assurance", "us-assurance"), nil)},
		},
		{
			name:   "PerBeneficiary",
			reason: "GE's guarantees are all assurances, UA's are not: only GE is noted.",
			s: build(guarantees(
				g("us-ua", "US", "UA", guarantee.Military, "", strength(guarantee.Assurance)),
				g("us-ge", "US", "GE", guarantee.Military, "", strength(guarantee.Assurance)),
				g("uk-ua", "UK", "UA", guarantee.Military, "", strength(guarantee.Treaty)),
			)),
			want: []scenario.Finding{finding(scenario.AssuranceOnly, scenario.Info, ids("GE"), gids("us-ge"), nil)},
		},
		{
			name:   "OnePolitical",
			reason: "One political guarantee (the default strength) among assurances is enough.",
			s: build(guarantees(
				g("us-assurance", "US", "UA", guarantee.Military, "", strength(guarantee.Assurance)),
				g("uk-political", "UK", "UA", guarantee.Military, ""),
			)),
			want: nil,
		},
		{
			name:   "Treaty",
			reason: "A treaty obligation is no assurance.",
			s:      build(guarantees(g("nato-art5", "US", "UA", guarantee.Military, "", strength(guarantee.Treaty)))),
			want:   nil,
		},
	})
}

// seedGuarantees are the IDs of the seed's guarantees, all to UA, sorted.
var seedGuarantees = gids("european-force", "turkey-black-sea", "us-air-support", "us-intelligence", "willing-financial", "willing-sanctions")

func TestSeed(t *testing.T) {
	r := evaluate(t, examples.Ukraine2025())

	if r.Verdict != scenario.Incompatible {
		t.Errorf("seed verdict = %v; want incompatible: RU demands a veto that UA rejects", r.Verdict)
	}
	if r.Scenario != "Ukraine security guarantees, August 2025" {
		t.Errorf("seed report names scenario %q", r.Scenario)
	}

	// The whole report, pinned so that any change is visible. Each line is
	// what docs/MODEL.md asks of the seed:
	want := []scenario.Finding{
		// No guarantee gives RU a veto.
		finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), seedGuarantees, refs("ru-demands-veto")),
		// RU demands a veto over every guarantee to UA; UA rejects it.
		finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), seedGuarantees, refs("ru-demands-veto", "ua-rejects-ru-veto")),
		// european-force and us-air-support require each other, and both
		// have errors (the two above): one finding for each.
		finding(scenario.BlockedDependency, scenario.Warning, nil, gids("european-force", "us-air-support"), nil),
		finding(scenario.BlockedDependency, scenario.Warning, nil, gids("european-force", "us-air-support"), nil),
		// RU is a named attacker of UA; the only military guarantee that
		// answers it, us-air-support, has errors.
		finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), gids("us-air-support"), nil),
	}
	if diff := cmp.Diff(want, r.Findings, ignoreText); diff != "" {
		t.Errorf("seed findings: -want +got:\n%s", diff)
	}

	// The veto conflict, with its message and sources, as FORMAT.md shows it.
	wantConflict := []scenario.Finding{{
		Code:       scenario.VetoConflict,
		Severity:   scenario.Error,
		Actors:     ids("RU", "UA"),
		Guarantees: seedGuarantees,
		Positions:  refs("ru-demands-veto", "ua-rejects-ru-veto"),
		Message:    "RU demands a veto over guarantees to UA; UA rejects any RU veto over them",
		Sources:    []string{examples.SeedArticle},
	}}
	if diff := cmp.Diff(wantConflict, only(r, scenario.VetoConflict)); diff != "" {
		t.Errorf("seed veto-conflict: -want +got:\n%s", diff)
	}

	// The two blocked-dependency findings differ only in which guarantee
	// leans on which, which their messages say.
	var msgs []string
	for f := range r.Only(scenario.BlockedDependency) {
		msgs = append(msgs, f.Message)
	}
	wantMsgs := []string{
		"european-force requires us-air-support, which has error findings of its own",
		"us-air-support requires european-force, which has error findings of its own",
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("seed blocked-dependency messages: -want +got:\n%s", diff)
	}

	if got := r.Count(scenario.Error); got != 2 {
		t.Errorf("seed Count(Error) = %d; want 2", got)
	}
	if !r.Has(scenario.VetoConflict) || r.Has(scenario.CapturedGuarantee) {
		t.Errorf("seed Has(veto-conflict) = %v, Has(captured-guarantee) = %v; want true, false", r.Has(scenario.VetoConflict), r.Has(scenario.CapturedGuarantee))
	}
}

func TestSeedWhatIfs(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		edit   func(s *scenario.Scenario)
		want   []scenario.Finding // errors only
	}{
		{
			name:   "GrantRUTheVeto",
			reason: "A draft that grants RU its veto meets RU's demand but violates UA's rejection; the conflict stands, and every guarantee that answers an RU attack is captured.",
			edit: func(s *scenario.Scenario) {
				s.Vetoes = append(s.Vetoes, grant("RU", toUA))
			},
			want: []scenario.Finding{
				finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("us-air-support"), nil),
				finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("willing-financial"), nil),
				finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("willing-sanctions"), nil),
				finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), seedGuarantees, refs("ua-rejects-ru-veto")),
				finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), seedGuarantees, refs("ru-demands-veto", "ua-rejects-ru-veto")),
			},
		},
		{
			name:   "RUWithdrawsItsDemand",
			reason: "Without RU's demand there is no conflict and no unmet demand: the deal holds.",
			edit: func(s *scenario.Scenario) {
				s.Positions = slices.DeleteFunc(s.Positions, func(p scenario.Position) bool { return p.ID == "ru-demands-veto" })
			},
			want: nil,
		},
		{
			name:   "WithoutUSAirSupport",
			reason: "Without the US air support, Europe's force loses its backstop.",
			edit: func(s *scenario.Scenario) {
				s.Guarantees = slices.DeleteFunc(s.Guarantees, func(g guarantee.Guarantee) bool { return g.ID == "us-air-support" })
				s.Positions = slices.DeleteFunc(s.Positions, func(p scenario.Position) bool { return p.ID == "ru-demands-veto" })
			},
			want: []scenario.Finding{
				finding(scenario.MissingDependency, scenario.Error, nil, gids("european-force", "us-air-support"), nil),
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := examples.Ukraine2025()
			tc.edit(&s)
			r := evaluate(t, s)
			var got []scenario.Finding
			for _, f := range r.Findings {
				if f.Severity == scenario.Error {
					got = append(got, f)
				}
			}
			if diff := cmp.Diff(tc.want, got, ignoreText); diff != "" {
				t.Errorf("%s\nerror findings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

// several is a scenario with findings of most codes, two of some.
func several() scenario.Scenario {
	return build(
		actors(coalition("willing", "UK", "PL"), alliance("NATO", actor.Unanimity, "US", "TR")),
		guarantees(
			g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "attack(RU, UA)"),
			g("willing-troops", "willing", "UA", guarantee.GroundTroops, "", requires("us-backstop")),
			g("dead", "US", "GE", guarantee.Aid, "all(peace-deal, not(peace-deal))", strength(guarantee.Assurance)),
			g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(RU)")),
			g("tr-naval", "TR", "UA", guarantee.Naval, "attack(RU, UA)"),
		),
		positions(
			named("tr-no-sanctions", pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions})),
			pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops}),
			pos("UA", scenario.Requires, sel{Kind: guarantee.Intelligence}),
			pos("RU", scenario.Rejects, sel{Location: "black-sea"}),
			pos("FR", scenario.Requires, sel{Kind: guarantee.Intelligence}),
		),
		vetoes(grant("RU", sel{IDs: gids("tr-naval")})),
		timeline("attack(RU, UA)"),
	)
}

func TestReportOrder(t *testing.T) {
	r := evaluate(t, several())
	// Severity first; then the code as a string (so blocked-by-member
	// before captured-guarantee, unlike docs/MODEL.md's table); then the first
	// guarantee (tr-naval before us-air, though us-air comes first in the
	// scenario); then the first actor (FR before UA, though UA's position
	// comes first).
	want := []scenario.Finding{
		finding(scenario.BlockedByMember, scenario.Error, ids("NATO", "TR"), gids("nato-sanctions"), refs("tr-no-sanctions")),
		finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("tr-naval"), nil),
		finding(scenario.CapturedGuarantee, scenario.Error, ids("RU"), gids("us-air"), nil),
		finding(scenario.MissingDependency, scenario.Error, nil, gids("us-backstop", "willing-troops"), nil),
		finding(scenario.UnmetRequirement, scenario.Error, ids("FR"), nil, refs("positions[4]")),
		finding(scenario.UnmetRequirement, scenario.Error, ids("UA"), nil, refs("positions[2]")),
		finding(scenario.DissentingMember, scenario.Warning, ids("PL", "willing"), gids("willing-troops"), refs("positions[1]")),
		finding(scenario.IdlePosition, scenario.Warning, ids("RU"), nil, refs("positions[3]")),
		finding(scenario.NoMilitaryResponse, scenario.Warning, ids("RU", "UA"), gids("tr-naval", "us-air"), nil),
		finding(scenario.UnsatisfiableTrigger, scenario.Warning, nil, gids("dead"), nil),
		finding(scenario.AssuranceOnly, scenario.Info, ids("GE"), gids("dead"), nil),
	}
	if diff := cmp.Diff(want, r.Findings, ignoreText); diff != "" {
		t.Errorf("findings of several(): -want +got:\n%s", diff)
	}
	if r.Verdict != scenario.Incompatible {
		t.Errorf("verdict = %v; want incompatible", r.Verdict)
	}
	counts := map[scenario.Severity]int{scenario.Error: 6, scenario.Warning: 4, scenario.Info: 1}
	for sev, n := range counts {
		if got := r.Count(sev); got != n {
			t.Errorf("Count(%v) = %d; want %d", sev, got, n)
		}
	}
}

func TestVerdict(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   scenario.Verdict
	}{
		{"Empty", "No finding at all: compatible.", scenario.Scenario{}, scenario.Compatible},
		{"WarningsAndInfoOnly", "Warnings and info do not make a deal incompatible.", build(
			actors(coalition("willing", "UK", "PL")),
			guarantees(
				g("willing-troops", "willing", "UA", guarantee.GroundTroops, "", strength(guarantee.Assurance)),
				g("dead", "US", "UA", guarantee.Aid, "all(peace-deal, not(peace-deal))", strength(guarantee.Assurance)),
			),
			positions(pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops}), pos("RU", scenario.Rejects, sel{Kind: guarantee.Naval})),
			timeline("attack(RU, UA)"),
		), scenario.Compatible},
		{"OneError", "A single error makes it incompatible.", build(
			guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
			positions(pos("UA", scenario.Requires, sel{Kind: guarantee.Naval})),
		), scenario.Incompatible},
		{"Seed", "The seed has errors.", examples.Ukraine2025(), scenario.Incompatible},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, tc.s) // checks verdict == no error finding
			if r.Verdict != tc.want {
				t.Errorf("%s\nverdict = %v; want %v\n%s", tc.reason, r.Verdict, tc.want, listFindings(r.Findings))
			}
		})
	}
	// The case of warnings and info only must really have both, or it
	// shows nothing.
	if r := evaluate(t, cases[1].s); r.Count(scenario.Warning) == 0 || r.Count(scenario.Info) == 0 {
		t.Errorf("%s: want warnings and info findings; got\n%s", cases[1].name, listFindings(r.Findings))
	}
}

func TestPositionRefs(t *testing.T) {
	s := build(
		guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
		positions(
			named("ru-veto", pos("RU", scenario.DemandsVeto, toUA)),
			rejectsVeto("UA", ids("RU"), toUA),
			pos("US", scenario.Refuses, sel{Kind: guarantee.Naval}),
			named("us-idle", pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops})),
		),
	)
	r := evaluate(t, s)
	want := []scenario.Finding{
		finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("us-air"), refs("ru-veto")),
		finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("us-air"), refs("ru-veto", "positions[1]")),
		finding(scenario.IdlePosition, scenario.Warning, ids("US"), nil, refs("positions[2]")),
		finding(scenario.IdlePosition, scenario.Warning, ids("US"), nil, refs("us-idle")),
	}
	if diff := cmp.Diff(want, r.Findings, ignoreText); diff != "" {
		t.Errorf("positions are named by ID where given, else positions[i]: -want +got:\n%s", diff)
	}
}

func TestVetoConflictAlongside(t *testing.T) {
	two := guarantees(
		g("us-air", "US", "UA", guarantee.AirSupport, ""),
		g("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
	)
	both := positions(
		named("ru-veto", pos("RU", scenario.DemandsVeto, toUA)),
		named("ua-no-ru-veto", rejectsVeto("UA", ids("RU"), toUA)),
	)
	conflict := finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("ru-veto", "ua-no-ru-veto"))
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		want   []scenario.Finding // every finding
	}{
		{
			name:   "DealDeniesTheVeto",
			reason: "No deal can satisfy both (veto-conflict); this one violates RU's demand (unmet-veto-demand) and not UA's rejection.",
			s:      build(two, both),
			want: []scenario.Finding{
				finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("uk-troops", "us-air"), refs("ru-veto")),
				conflict,
			},
		},
		{
			name:   "DealGrantsTheVeto",
			reason: "This deal grants RU the veto: it violates UA's rejection (rejected-veto), not RU's demand.",
			s:      build(two, both, vetoes(grant("RU", toUA))),
			want: []scenario.Finding{
				finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("ua-no-ru-veto")),
				conflict,
			},
		},
		{
			name:   "DealGrantsTheVetoOverOne",
			reason: "A deal that grants RU a veto over one guarantee violates both positions, each over its own guarantee.",
			s:      build(two, both, vetoes(grant("RU", sel{IDs: gids("us-air")}))),
			want: []scenario.Finding{
				finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), gids("us-air"), refs("ua-no-ru-veto")),
				finding(scenario.UnmetVetoDemand, scenario.Error, ids("RU"), gids("uk-troops"), refs("ru-veto")),
				conflict,
			},
		},
		{
			name:   "GuarantorsUnanimousWithRU",
			reason: "\"The guarantors act only by unanimous decision, Russia among them\": RU's demand is met through membership, UA's rejection is violated.",
			s: build(actors(alliance("guarantors", actor.Unanimity, "US", "UK", "RU")),
				guarantees(
					g("us-air", "US", "UA", guarantee.AirSupport, "", activation("body(guarantors)")),
					g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", activation("body(guarantors)")),
				), both),
			want: []scenario.Finding{
				finding(scenario.RejectedVeto, scenario.Error, ids("RU", "UA"), gids("uk-troops", "us-air"), refs("ua-no-ru-veto")),
				conflict,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, tc.s)
			if diff := cmp.Diff(tc.want, r.Findings, ignoreText); diff != "" {
				t.Errorf("%s\nfindings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestMemberRefusal(t *testing.T) {
	refusal := positions(named("pl-no-troops", pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops})))
	troops := func(provider actor.ID) part {
		return guarantees(g("troops", provider, "UA", guarantee.GroundTroops, ""))
	}
	cases := []struct {
		name        string
		reason      string
		s           scenario.Scenario
		wantVerdict scenario.Verdict
		want        []scenario.Finding // every finding
	}{
		{
			name:        "CoalitionMember",
			reason:      "A coalition member's refusal is only a dissent: the others still act, and the deal holds.",
			s:           build(actors(coalition("willing", "UK", "FR", "PL")), troops("willing"), refusal),
			wantVerdict: scenario.Compatible,
			want:        []scenario.Finding{finding(scenario.DissentingMember, scenario.Warning, ids("PL", "willing"), gids("troops"), refs("pl-no-troops"))},
		},
		{
			name:        "UnanimityAllianceMember",
			reason:      "A unanimity alliance member's refusal blocks the alliance: an error.",
			s:           build(actors(alliance("alliance", actor.Unanimity, "UK", "FR", "PL")), troops("alliance"), refusal),
			wantVerdict: scenario.Incompatible,
			want:        []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("PL", "alliance"), gids("troops"), refs("pl-no-troops"))},
		},
		{
			name:        "MajorityOfThree",
			reason:      "A member of a majority body of three holds no veto: a dissent.",
			s:           build(actors(alliance("trio", actor.Majority, "UK", "FR", "PL")), troops("trio"), refusal),
			wantVerdict: scenario.Compatible,
			want:        []scenario.Finding{finding(scenario.DissentingMember, scenario.Warning, ids("PL", "trio"), gids("troops"), refs("pl-no-troops"))},
		},
		{
			name:        "MajorityOfTwo",
			reason:      "Each member of a majority body of two holds a veto: a block.",
			s:           build(actors(alliance("pair", actor.Majority, "UK", "PL")), troops("pair"), refusal),
			wantVerdict: scenario.Incompatible,
			want:        []scenario.Finding{finding(scenario.BlockedByMember, scenario.Error, ids("PL", "pair"), gids("troops"), refs("pl-no-troops"))},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, tc.s)
			if r.Verdict != tc.wantVerdict {
				t.Errorf("%s\nverdict = %v; want %v", tc.reason, r.Verdict, tc.wantVerdict)
			}
			if diff := cmp.Diff(tc.want, r.Findings, ignoreText); diff != "" {
				t.Errorf("%s\nfindings: -want +got:\n%s", tc.reason, diff)
			}
		})
	}
}

func TestMessagesAndSources(t *testing.T) {
	withSources := func(p scenario.Position, srcs ...string) scenario.Position {
		p.Sources = srcs
		return p
	}
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
		code   scenario.Code
		want   []scenario.Finding // complete, message and sources included
	}{
		{
			name:   "VetoConflict",
			reason: "Sources are those of both positions and of the guarantees, sorted and each once.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, "", gsources("seed")),
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", gsources("uk-statement", "seed")),
			), positions(
				withSources(named("ru-veto", pos("RU", scenario.DemandsVeto, sel{Kind: guarantee.Military})), "kremlin"),
				withSources(rejectsVeto("UA", nil, toUA), "seed"),
			)),
			code: scenario.VetoConflict,
			want: []scenario.Finding{{
				Code: scenario.VetoConflict, Severity: scenario.Error,
				Actors: ids("RU", "UA"), Guarantees: gids("uk-troops", "us-air"), Positions: refs("ru-veto", "positions[1]"),
				Message: "RU demands a veto over military guarantees; UA rejects any veto but the provider's over guarantees to UA",
				Sources: []string{"kremlin", "seed", "uk-statement"},
			}},
		},
		{
			name:   "CapturedProvider",
			reason: "The Budapest Memorandum: the message says why the attacker holds the veto.",
			s:      build(guarantees(g("budapest", "RU", "UA", guarantee.Military, "attack(RU, UA)", strength(guarantee.Assurance), gsources("budapest-1994")))),
			code:   scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: ids("RU"), Guarantees: gids("budapest"),
				Message: "RU can stop budapest, which answers attack(RU, UA): RU is its provider; it can never fire against RU",
				Sources: []string{"budapest-1994"},
			}},
		},
		{
			name:   "CapturedSecurityCouncil",
			reason: "body(UNSC): the message names the body and its rule.",
			s: build(actors(unsc()),
				guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("body(UNSC)")))),
			code: scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: ids("RU"), Guarantees: gids("us-air"),
				Message: "RU can stop us-air, which answers attack(RU, UA): RU holds a veto in UNSC's rule (majority); it can never fire against RU",
			}},
		},
		{
			name:   "CapturedByGrant",
			reason: "A granted veto: the grant's sources are behind the finding.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "any(attack(RU, UA), violation(RU))", gsources("seed"))),
				vetoes(scenario.Veto{Holder: "RU", Over: toUA, Sources: []string{"draft-2025"}})),
			code: scenario.CapturedGuarantee,
			want: []scenario.Finding{{
				Code: scenario.CapturedGuarantee, Severity: scenario.Error,
				Actors: ids("RU"), Guarantees: gids("us-air"),
				Message: "RU can stop us-air, which answers any(attack(RU, UA), violation(RU)): RU is granted a veto by the deal; it can never fire against RU",
				Sources: []string{"draft-2025", "seed"},
			}},
		},
		{
			name:   "RedLineRejects",
			reason: "The message lists the guarantees that cross the line.",
			s: build(guarantees(
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, "", location("UA"), gsources("uk")),
				g("fr-troops", "FR", "UA", guarantee.GroundTroops, "", location("UA"), gsources("fr")),
			), positions(withSources(pos("RU", scenario.Rejects, sel{Kind: guarantee.GroundTroops, Location: "UA"}), "kremlin"))),
			code: scenario.RedLine,
			want: []scenario.Finding{{
				Code: scenario.RedLine, Severity: scenario.Error,
				Actors: ids("RU"), Guarantees: gids("fr-troops", "uk-troops"), Positions: refs("positions[0]"),
				Message: "RU rejects any deal with military/ground-troops guarantees in UA; the deal has fr-troops and uk-troops",
				Sources: []string{"fr", "kremlin", "uk"},
			}},
		},
		{
			name:   "RedLineRefuses",
			reason: "A refusal by the provider itself.",
			s: build(guarantees(g("us-troops", "US", "UA", guarantee.GroundTroops, "")),
				positions(named("us-no-troops", pos("US", scenario.Refuses, sel{Kind: guarantee.GroundTroops})))),
			code: scenario.RedLine,
			want: []scenario.Finding{{
				Code: scenario.RedLine, Severity: scenario.Error,
				Actors: ids("US"), Guarantees: gids("us-troops"), Positions: refs("us-no-troops"),
				Message: "US refuses to provide military/ground-troops guarantees but is the provider of us-troops",
			}},
		},
		{
			name:   "BlockedByMember",
			reason: "The message names the body, its rule and the guarantee blocked.",
			s: build(actors(alliance("NATO", actor.Unanimity, "US", "TR")),
				guarantees(g("nato-sanctions", "NATO", "UA", guarantee.EconomicSanctions, "", gsources("nato"))),
				positions(withSources(pos("TR", scenario.Refuses, sel{Kind: guarantee.Sanctions}), "ankara"))),
			code: scenario.BlockedByMember,
			want: []scenario.Finding{{
				Code: scenario.BlockedByMember, Severity: scenario.Error,
				Actors: ids("NATO", "TR"), Guarantees: gids("nato-sanctions"), Positions: refs("positions[0]"),
				Message: "TR holds a veto in NATO's rule (unanimity) and refuses sanctions guarantees: it can block nato-sanctions",
				Sources: []string{"ankara", "nato"},
			}},
		},
		{
			name:   "UnmetRequirement",
			reason: "The position's sources are behind it.",
			s: build(guarantees(g("eu-aid", "FR", "UA", guarantee.Aid, "")),
				positions(withSources(pos("UA", scenario.Requires, sel{Kind: guarantee.Military, Beneficiary: "UA"}), "kyiv"))),
			code: scenario.UnmetRequirement,
			want: []scenario.Finding{{
				Code: scenario.UnmetRequirement, Severity: scenario.Error,
				Actors: ids("UA"), Positions: refs("positions[0]"),
				Message: "UA requires military guarantees to UA; the deal has none",
				Sources: []string{"kyiv"},
			}},
		},
		{
			name:   "UnmetVetoDemand",
			reason: "The message lists the guarantees the actor cannot stop.",
			s: build(guarantees(
				g("us-air", "US", "UA", guarantee.AirSupport, ""),
				g("uk-troops", "UK", "UA", guarantee.GroundTroops, ""),
			), positions(withSources(pos("RU", scenario.DemandsVeto, toUA), "kremlin"))),
			code: scenario.UnmetVetoDemand,
			want: []scenario.Finding{{
				Code: scenario.UnmetVetoDemand, Severity: scenario.Error,
				Actors: ids("RU"), Guarantees: gids("uk-troops", "us-air"), Positions: refs("positions[0]"),
				Message: "RU demands a veto over guarantees to UA but cannot stop uk-troops and us-air",
				Sources: []string{"kremlin"},
			}},
		},
		{
			name:   "RejectedVeto",
			reason: "The grant that gives the rejected veto is behind the finding.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "", gsources("seed"))),
				positions(withSources(rejectsVeto("UA", ids("RU", "BY"), toUA), "kyiv")),
				vetoes(scenario.Veto{Holder: "RU", Over: toUA, Sources: []string{"draft-2025"}})),
			code: scenario.RejectedVeto,
			want: []scenario.Finding{{
				Code: scenario.RejectedVeto, Severity: scenario.Error,
				Actors: ids("RU", "UA"), Guarantees: gids("us-air"), Positions: refs("positions[0]"),
				Message: "UA rejects any veto by RU and BY over guarantees to UA; RU can stop us-air",
				Sources: []string{"draft-2025", "kyiv", "seed"},
			}},
		},
		{
			name:   "MissingDependency",
			reason: "The message says which guarantee lacks which.",
			s:      build(guarantees(g("europe-force", "UK", "UA", guarantee.GroundTroops, "", requires("us-backstop", "us-intel"), gsources("seed")))),
			code:   scenario.MissingDependency,
			want: []scenario.Finding{{
				Code: scenario.MissingDependency, Severity: scenario.Error,
				Guarantees: gids("europe-force", "us-backstop", "us-intel"),
				Message:    "europe-force requires us-backstop and us-intel, which the deal does not contain",
				Sources:    []string{"seed"},
			}},
		},
		{
			name:   "DissentingMember",
			reason: "The message says the others still can.",
			s: build(actors(coalition("willing", "UK", "PL")),
				guarantees(g("willing-troops", "willing", "UA", guarantee.GroundTroops, "")),
				positions(named("pl-no-troops", pos("PL", scenario.Refuses, sel{Kind: guarantee.GroundTroops})))),
			code: scenario.DissentingMember,
			want: []scenario.Finding{{
				Code: scenario.DissentingMember, Severity: scenario.Warning,
				Actors: ids("PL", "willing"), Guarantees: gids("willing-troops"), Positions: refs("pl-no-troops"),
				Message: "PL refuses military/ground-troops guarantees and will not take part in willing-troops; it holds no veto in willing's rule, so the others still can",
			}},
		},
		{
			name:   "NoMilitaryResponse",
			reason: "An attack in the timeline with nothing military to answer it.",
			s:      build(timeline("peace-deal", "attack(RU, GE)")),
			code:   scenario.NoMilitaryResponse,
			want: []scenario.Finding{{
				Code: scenario.NoMilitaryResponse, Severity: scenario.Warning,
				Actors:  ids("GE", "RU"),
				Message: "no military guarantee to GE answers an attack by RU",
			}},
		},
		{
			name:   "UnsatisfiableTrigger",
			reason: "The message quotes the trigger.",
			s:      build(guarantees(g("dead", "US", "UA", guarantee.AirSupport, "all(peace-deal, not(peace-deal))", gsources("seed")))),
			code:   scenario.UnsatisfiableTrigger,
			want: []scenario.Finding{{
				Code: scenario.UnsatisfiableTrigger, Severity: scenario.Warning,
				Guarantees: gids("dead"),
				Message:    "dead is due on all(peace-deal, not(peace-deal)), which can never hold",
				Sources:    []string{"seed"},
			}},
		},
		{
			name:   "IdlePosition",
			reason: "The message quotes the selector, where the typo shows.",
			s: build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
				positions(withSources(pos("US", scenario.Refuses, sel{Kind: "military/ground-troop"}), "seed"))),
			code: scenario.IdlePosition,
			want: []scenario.Finding{{
				Code: scenario.IdlePosition, Severity: scenario.Warning,
				Actors: ids("US"), Positions: refs("positions[0]"),
				Message: "US refuses {kind: military/ground-troop}, which picks no guarantee in the scenario",
				Sources: []string{"seed"},
			}},
		},
		{
			name:   "AssuranceOnly",
			reason: "The sources of every assurance are behind it.",
			s: build(guarantees(
				g("us-assurance", "US", "UA", guarantee.Military, "", strength(guarantee.Assurance), gsources("budapest-1994")),
				g("uk-assurance", "UK", "UA", guarantee.Military, "", strength(guarantee.Assurance), gsources("budapest-1994", "uk")),
			)),
			code: scenario.AssuranceOnly,
			want: []scenario.Finding{{
				Code: scenario.AssuranceOnly, Severity: scenario.Info,
				Actors: ids("UA"), Guarantees: gids("uk-assurance", "us-assurance"),
				Message: "every guarantee to UA is an assurance, with no obligation behind it",
				Sources: []string{"budapest-1994", "uk"},
			}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := evaluate(t, tc.s)
			if diff := cmp.Diff(tc.want, only(r, tc.code), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s\n%s findings: -want +got:\n%s", tc.reason, tc.code, diff)
			}
		})
	}
}

// TestRegressions holds cases where the implementation once contradicted
// docs/MODEL.md or its own documentation.
func TestRegressions(t *testing.T) {
	t.Run("PositionsInScenarioOrder", func(t *testing.T) {
		s := build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "")),
			positions(rejectsVeto("UA", ids("RU"), toUA), pos("RU", scenario.DemandsVeto, toUA)))
		r := evaluate(t, s)
		want := []scenario.Finding{finding(scenario.VetoConflict, scenario.Error, ids("RU", "UA"), gids("us-air"), refs("positions[0]", "positions[1]"))}
		if diff := cmp.Diff(want, only(r, scenario.VetoConflict), ignoreText); diff != "" {
			t.Errorf("veto-conflict with the rejects-veto listed first: -want +got:\n%s", diff)
		}
	})
	t.Run("RejectedVetoMessageNamesTheHolder", func(t *testing.T) {
		s := build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "", activation("consent(UA)"))),
			positions(rejectsVeto("UA", nil, toUA)))
		r := evaluate(t, s)
		for f := range r.Only(scenario.RejectedVeto) {
			if strings.Contains(f.Message, ";  can stop") {
				t.Errorf("rejected-veto message names no holder: %q", f.Message)
			}
		}
	})
	t.Run("CapturedThroughConsentingBodyMessage", func(t *testing.T) {
		s := build(actors(alliance("CSTO", actor.Unanimity, "RU", "BY")),
			guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", activation("consent(CSTO)"))))
		r := evaluate(t, s)
		fs := only(r, scenario.CapturedGuarantee)
		if len(fs) != 1 {
			t.Fatalf("want one captured-guarantee finding; got\n%s", listFindings(r.Findings))
		}
		if m := fs[0].Message; strings.Contains(m, "US's rule") || strings.Contains(m, "()") || !strings.Contains(m, "CSTO") {
			t.Errorf("captured-guarantee message gives the wrong reason for RU's veto: %q", m)
		}
	})
	t.Run("SourcesOnlyOfTheGrantsBehindTheFinding", func(t *testing.T) {
		s := build(guarantees(g("us-air", "US", "UA", guarantee.AirSupport, "attack(RU, UA)", gsources("seed"))),
			positions(rejectsVeto("UA", ids("RU"), toUA)),
			vetoes(
				scenario.Veto{Holder: "RU", Over: toUA, Sources: []string{"ru-grant"}},
				scenario.Veto{Holder: "PL", Over: toUA, Sources: []string{"pl-grant"}},
			))
		r := evaluate(t, s)
		got := map[scenario.Code][]string{}
		for _, f := range r.Findings {
			if f.Code == scenario.CapturedGuarantee || f.Code == scenario.RejectedVeto {
				got[f.Code] = f.Sources
			}
		}
		want := map[scenario.Code][]string{
			scenario.CapturedGuarantee: {"ru-grant", "seed"},
			scenario.RejectedVeto:      {"ru-grant", "seed"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sources: -want +got:\n%s", diff)
		}
	})
}

// unsorted is a scenario whose lists are all given out of order: members,
// explicit vetoes, consents, requires, by, selector IDs and sources.
func unsorted() scenario.Scenario {
	return build(
		actors(
			withVetoes(body("council", actor.Organization, actor.Majority, "US", "RU", "FR", "CN"), "US", "RU"),
			alliance("guarantors", actor.Unanimity, "UK", "FR", "BY"),
		),
		guarantees(
			g("z-air", "US", "UA", guarantee.AirSupport, "any(violation(RU), attack(BY, UA))", activation("consent(PL, BY)"), requires("a-aid", "zz-missing", "b-missing"), gsources("z", "a", "z")),
			g("a-aid", "guarantors", "UA", guarantee.Aid, "attack(RU, UA)", activation("body(council)"), strength(guarantee.Assurance), gsources("m", "b")),
		),
		positions(
			rejectsVeto("UA", ids("RU", "BY", "CN"), sel{IDs: gids("z-air", "a-aid")}),
			pos("RU", scenario.DemandsVeto, sel{IDs: gids("z-air", "a-aid")}),
			pos("BY", scenario.Refuses, sel{Kind: guarantee.Aid}),
		),
		vetoes(grant("CN", sel{IDs: gids("z-air", "a-aid")})),
		timeline("attack(RU, GE)", "peace-deal"),
	)
}

func TestEvaluateDoesNotChangeInput(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
	}{
		{"Seed", "The seed scenario.", examples.Ukraine2025()},
		{"Several", "Findings of most codes.", several()},
		{"Unsorted", "Every list out of order: nothing may be sorted in place.", unsorted()},
		{"Invalid", "An invalid scenario, which Evaluate rejects.", seedWith(func(s *scenario.Scenario) {
			s.Guarantees[3].Provider = "TRK"
			s.Actors[9].Members[0] = "FRA"
		})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := cloneScenario(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Fatalf("cloneScenario is not a copy: -want +got:\n%s", diff)
			}
			r, _ := scenario.Evaluate(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nEvaluate changed its input: -before +after:\n%s", tc.reason, diff)
			}
			_ = scenario.Validate(tc.s)
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nValidate changed its input: -before +after:\n%s", tc.reason, diff)
			}

			// The report shares no memory with the input: writing over
			// every list of every finding leaves the scenario as it was.
			for i := range r.Findings {
				f := &r.Findings[i]
				for k := range f.Actors {
					f.Actors[k] = "overwritten"
				}
				for k := range f.Guarantees {
					f.Guarantees[k] = "overwritten"
				}
				for k := range f.Positions {
					f.Positions[k] = "overwritten"
				}
				for k := range f.Sources {
					f.Sources[k] = "overwritten"
				}
			}
			if diff := cmp.Diff(before, tc.s); diff != "" {
				t.Errorf("%s\nwriting to the report changed the scenario: -before +after:\n%s", tc.reason, diff)
			}
		})
	}
}

// cloneReport returns a deep copy of r.
func cloneReport(r scenario.Report) scenario.Report {
	c := r
	c.Findings = slices.Clone(r.Findings)
	for i := range c.Findings {
		f := &c.Findings[i]
		f.Actors = slices.Clone(f.Actors)
		f.Guarantees = slices.Clone(f.Guarantees)
		f.Positions = slices.Clone(f.Positions)
		f.Sources = slices.Clone(f.Sources)
	}
	return c
}

func TestFindingsDoNotShareMemory(t *testing.T) {
	for _, s := range []scenario.Scenario{examples.Ukraine2025(), several(), unsorted()} {
		r := evaluate(t, s)
		want := cloneReport(r)
		if len(r.Findings) < 2 {
			t.Fatalf("want a scenario with several findings")
		}
		// Appending to one finding's list must not write over another's,
		// nor change a later report.
		for i := range r.Findings {
			f := &r.Findings[i]
			f.Actors = append(f.Actors, "appended")
			f.Guarantees = append(f.Guarantees, "appended")
			f.Positions = append(f.Positions, "appended")
			f.Sources = append(f.Sources, "appended")
		}
		for i, f := range r.Findings {
			f.Actors = f.Actors[:len(f.Actors)-1]
			f.Guarantees = f.Guarantees[:len(f.Guarantees)-1]
			f.Positions = f.Positions[:len(f.Positions)-1]
			f.Sources = f.Sources[:len(f.Sources)-1]
			if diff := cmp.Diff(want.Findings[i], f, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: finding %d changed when the others were appended to: -want +got:\n%s", r.Scenario, i, diff)
			}
		}
		if diff := cmp.Diff(want, evaluate(t, s)); diff != "" {
			t.Errorf("%s: changing one report changed the next: -want +got:\n%s", r.Scenario, diff)
		}
	}
}

func TestEvaluateDeterministic(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		s      scenario.Scenario
	}{
		{"Seed", "The seed scenario.", examples.Ukraine2025()},
		{"Several", "Findings of most codes, several per code.", several()},
		{"Unsorted", "Lists out of order.", unsorted()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			first := evaluate(t, tc.s)
			for i := range 5 {
				if diff := cmp.Diff(first, evaluate(t, tc.s)); diff != "" {
					t.Fatalf("%s\nevaluation %d differs from the first: -first +got:\n%s", tc.reason, i+2, diff)
				}
			}
			if diff := cmp.Diff(first, evaluate(t, cloneScenario(tc.s))); diff != "" {
				t.Errorf("%s\nan equal copy gives another report: -first +got:\n%s", tc.reason, diff)
			}
			// The order of the actors list means nothing: reversing it
			// gives the same report.
			rev := cloneScenario(tc.s)
			slices.Reverse(rev.Actors)
			if diff := cmp.Diff(first, evaluate(t, rev)); diff != "" {
				t.Errorf("%s\nreversing the actors changes the report: -first +got:\n%s", tc.reason, diff)
			}
		})
	}
}
