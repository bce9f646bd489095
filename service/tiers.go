package service

// Tiers is a legal entity of the firm's clientele whose keys an administrator manages:
// the firm itself (identified by its SIC code) or a tiers attached ("rattaché") to it.
type Tiers struct {
	Code       string // the tiers code, e.g. "95963"
	Name       string // e.g. "FUTUROSCOPE CEDEX"
	AttachedTo string // code of the tiers it is attached to; empty for a firm
}

// Label is the tiers as the portal shows it: "95963 FUTUROSCOPE CEDEX".
func (t Tiers) Label() string { return t.Code + " " + t.Name }

// Profile is who is signed in and what they administer.
type Profile struct {
	Login     string    // the administrator's login ("local" in local mode)
	AdminName string    // full name, recorded as the creator of the keys they generate
	SICCode   string    // code of the firm the administrator signs in for
	Tiers     []Tiers   // the tiers they administer: the firm first, then attached ones
	KeyPolicy KeyPolicy // the firm's rule for new keys
}

// TiersByCode returns the profile's tiers with that code.
func (p Profile) TiersByCode(code string) (Tiers, bool) {
	for _, t := range p.Tiers {
		if t.Code == code {
			return t, true
		}
	}
	return Tiers{}, false
}

// Administers reports whether the profile may manage the keys of that tiers.
func (p Profile) Administers(code string) bool {
	_, ok := p.TiersByCode(code)
	return ok
}

// FirmSetup is what the "Profil du cabinet" form collects at first start.
type FirmSetup struct {
	SICCode   string
	FirmName  string
	AdminName string
}

// Validate checks the form: every field filled, the SIC code made of digits, no
// control characters.
func (s FirmSetup) Validate() error {
	if err := ValidateSICCode(s.SICCode); err != nil {
		return err
	}
	if err := validateLabel(s.FirmName, firmNameLabel, 100); err != nil {
		return err
	}
	return validateLabel(s.AdminName, adminNameLabel, 100)
}

// Validate checks a tiers before it is stored.
func (t Tiers) Validate() error {
	if err := ValidateTiersCode(t.Code); err != nil {
		return err
	}
	return validateLabel(t.Name, tiersNameLabel, 100)
}
