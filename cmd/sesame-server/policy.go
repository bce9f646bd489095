package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sesame/service"
	"sesame/service/msg"
)

const firmPolicySynopsis msg.Code = "cli.firm_policy_max_key_lifetime"

// policyActor is who the audit trail names for a change made from the command line.
const policyActor msg.Code = "cli.ligne_commande"

// firmPolicyCmd sets a firm's maximum key lifetime, the partner keys' own, and the
// kinds of key that need an address restriction; what is not given keeps its value.
func firmPolicyCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("firm policy")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	firm := fs.String("firm", "", msg.T("cli.code_sic_cabinet", nil))
	lifetime := fs.String("max-key-lifetime", "", msg.T("cli.duree_vie_maximale_365d_90d", nil))
	partnerLifetime := fs.String("partner-max-key-lifetime", "", msg.T("cli.duree_vie_maximale_partenaires", nil))
	addressRequired := fs.String("address-required", "", msg.T("cli.policy_address_required", nil))
	if err := parseOptions(fs, c, msg.T(firmPolicySynopsis, nil), args, "db"); err != nil {
		return err
	}
	if strings.TrimSpace(*lifetime) == "" && strings.TrimSpace(*partnerLifetime) == "" && strings.TrimSpace(*addressRequired) == "" {
		return required(fs, "max-key-lifetime")
	}
	var firmRule, partnerRule bool
	for _, k := range strings.FieldsFunc(strings.ToLower(*addressRequired), func(r rune) bool { return r == ',' || r == ' ' }) {
		switch k {
		case "firm", "cabinet":
			firmRule = true
		case "partner", "partenaire":
			partnerRule = true
		case "none", "aucune":
		default:
			return usagef("%s", msg.T("cli.policy_address_required_bad", nil))
		}
	}
	firmPol, err := service.ParseLifetime(*lifetime)
	if err != nil {
		return usagef("%s", msg.T(service.MsgPolicyDays, nil))
	}
	partnerPol, err := service.ParseLifetime(*partnerLifetime)
	if err != nil {
		return usagef("%s", msg.T(service.MsgPartnerPolicyDays, nil))
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	all, err := st.Tiers(ctx)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(*firm)
	var firms []string
	for _, t := range all {
		if t.AttachedTo == "" {
			firms = append(firms, t.Code)
		}
	}
	switch {
	case code == "" && len(firms) == 1:
		code = firms[0]
	case code == "":
		return usagef(msg.T("cli.precisez_cabinet_avec_firm_cabinets", nil), strings.Join(firms, ", "))
	}
	found := false
	for _, f := range firms {
		found = found || f == code
	}
	if !found {
		return service.Errorf(service.ENOTFOUND, "cli.cabinet_existe", nil)
	}
	pol, err := st.KeyPolicy(ctx, code)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*lifetime) != "" {
		pol.MaxLifetimeDays = firmPol.MaxLifetimeDays
	}
	if strings.TrimSpace(*partnerLifetime) != "" {
		pol.PartnerMaxLifetimeDays = partnerPol.MaxLifetimeDays
	}
	if strings.TrimSpace(*addressRequired) != "" {
		pol.FirmAddressRequired, pol.PartnerAddressRequired = firmRule, partnerRule
	}
	ev := service.AuditEvent{At: time.Now(), Actor: msg.T(policyActor, nil), Login: "", Action: service.AuditPolicy, Tiers: code,
		Detail: service.PolicyDetail(pol)}
	if err := st.SetKeyPolicy(ctx, code, pol, ev); err != nil {
		return err
	}
	if pol.MaxLifetimeDays == 0 {
		fmt.Fprintf(c.stdout, msg.T("cli.cabinet_aucune_duree_vie_maximale", nil)+"\n", code)
	} else {
		fmt.Fprintf(c.stdout, msg.T("cli.cabinet_duree_vie_maximale_cles", nil)+"\n", code, pol.MaxLifetimeDays)
	}
	if pol.PartnerMaxLifetimeDays == 0 {
		fmt.Fprintf(c.stdout, msg.T("cli.cabinet_partenaires_suivent", nil)+"\n", code)
	} else {
		fmt.Fprintf(c.stdout, msg.T("cli.cabinet_duree_vie_maximale_partenaires", nil)+"\n", code, pol.PartnerMaxLifetimeDays)
	}
	for _, rule := range []struct {
		on   bool
		code msg.Code
	}{{pol.FirmAddressRequired, "cli.policy_firm_address_required"}, {pol.PartnerAddressRequired, "cli.policy_partner_address_required"}} {
		if rule.on {
			fmt.Fprintf(c.stdout, msg.T(rule.code, nil)+"\n", code)
		}
	}
	return nil
}
