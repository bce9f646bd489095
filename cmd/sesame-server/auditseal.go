package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"sesame/service"
	"sesame/service/masterkey"
	"sesame/service/msg"
	"sesame/service/store"
)

const auditSealSynopsis msg.Code = "cli.audit_seal_synopsis"

// auditSealKey is the journal's sealing key, derived from the master key that path
// names (--master-key-file, or the file SESAME_MASTER_KEY_FILE names); nil when
// neither names one and required is false.
func auditSealKey(path string, required bool) (*service.SealKey, error) {
	if path == "" {
		path = os.Getenv(masterkey.EnvFile)
	}
	if path == "" && !required {
		return nil, nil
	}
	mk, err := serveMasterKey(path)
	if err != nil {
		return nil, err
	}
	return service.NewSealKey(mk.AuditSealKey())
}

// auditSealCmd seals the journal's head now, journaled, with the key derived from
// the master key: what the server does each day, on demand.
func auditSealCmd(ctx context.Context, c cmdIO, args []string) error {
	fs := newFlags("audit seal")
	db := fs.String("db", "", msg.T(dbFlagHelp, nil))
	mkFile := fs.String("master-key-file", "", msg.T("cli.fichier_cle_maitresse_master_key", nil))
	if err := parseOptions(fs, c, msg.T(auditSealSynopsis, nil), args, "db"); err != nil {
		return err
	}
	key, err := auditSealKey(*mkFile, true)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	ev := service.AuditEvent{At: now, Actor: msg.T(policyActor, nil), Action: service.AuditSealHead}
	se, _, err := st.SealAudit(ctx, store.SealRequest{At: now, Event: &ev, Sign: key.Sign})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, msg.T("cli.audit_sealed", nil)+"\n", se.ID, se.Seq, se.Hash, se.At.Local().Format("02/01/2006 15:04:05"))
	return nil
}
