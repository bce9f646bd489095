package api

import "sesame/service"

// ImportReport is the answer of POST /v1/import: what the desktop's file moved, or,
// for a dry run, would move.
type ImportReport struct {
	DryRun   bool  `json:"dryRun"`
	Keys     int64 `json:"keys"`
	Uses     int64 `json:"usageDays"`
	Events   int64 `json:"journalEvents"`
	Tiers    int64 `json:"tiers"`
	Admins   int64 `json:"administrators"`
	Services int64 `json:"services"`
	Policies int64 `json:"policies"`
	// HeadSeq and HeadHash are the file's journal head, which the server's import
	// event records.
	HeadSeq  int64  `json:"headSeq"`
	HeadHash string `json:"headHash"`
	// Already: this file was imported before; nothing was added.
	Already bool `json:"already"`
	// Conflicts counts the file's identifiers already held on the server (a dry run
	// only: the move refuses them with 409); ConflictList names some of them.
	Conflicts    int64  `json:"conflicts"`
	ConflictList string `json:"conflictList,omitempty"`
}

// FromImport converts the domain's counts.
func FromImport(n service.ImportCounts) ImportReport {
	return ImportReport{DryRun: n.DryRun, Keys: n.Keys, Uses: n.Uses, Events: n.Events, Tiers: n.Tiers, Admins: n.Admins,
		Services: n.Services, Policies: n.Policies, HeadSeq: n.Head.Seq, HeadHash: n.Head.Hash, Already: n.Already,
		Conflicts: n.Conflicts, ConflictList: n.ConflictList}
}

// ToImport converts back to the domain.
func (r ImportReport) ToImport() service.ImportCounts {
	return service.ImportCounts{DryRun: r.DryRun, Keys: r.Keys, Uses: r.Uses, Events: r.Events, Tiers: r.Tiers, Admins: r.Admins,
		Services: r.Services, Policies: r.Policies, Head: service.AuditHead{Seq: r.HeadSeq, Hash: r.HeadHash}, Already: r.Already,
		Conflicts: r.Conflicts, ConflictList: r.ConflictList}
}
