package service

// ImportCounts is what carrying a desktop's « Ce poste » file to the firm's server
// moved, or, for a dry run, would move.
type ImportCounts struct {
	DryRun                                                bool
	Tiers, Admins, Services, Policies, Keys, Uses, Events int64
	// Head is the file's journal head, which the server's import event records.
	Head AuditHead
	// Already is set when this file's head was imported before: nothing was added.
	Already bool
	// Conflicts counts the file's key identifiers already held on the server (a dry
	// run reports them; the move refuses them); ConflictList names some of them (an
	// administrator's import never learns which firm holds them).
	Conflicts    int64
	ConflictList string
}
