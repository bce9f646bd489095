package httpserver

import (
	"context"
	"errors"

	"sesame/service/masterkey"
	"sesame/service/store"
)

// ErrNoMasterKey: the server does not start without a master key (Config.MasterKey),
// with which it seals its signing keys and secrets in the database.
var ErrNoMasterKey = errors.New("httpserver: no master key")

// sealStored seals, under the master key, the signing keys and server secrets that an
// older Sésame stored in clear, and checks that those already sealed are the master
// key's: ErrWrongKey (masterkey) otherwise, and the server does not start.
func (s *Server) sealStored(ctx context.Context) error {
	mk := s.cfg.MasterKey
	n, err := s.st.ResealSecrets(ctx, func(label string, v []byte) ([]byte, error) {
		if id, sealed := masterkey.SealedBy(v); sealed {
			if id != mk.ID() {
				return nil, &masterkey.WrongKeyError{Sealer: id, Given: mk.ID()}
			}
			return v, nil
		}
		return mk.Seal(label, v), nil
	})
	if err != nil {
		return err
	}
	if n > 0 {
		s.log.Info("secrets stored in clear now sealed by the master key", "count", n, "master_key", mk.ID())
	}
	return nil
}

// serverSecret returns the shared secret of that name, drawn and stored sealed by the
// first replica that needs it.
func (s *Server) serverSecret(ctx context.Context, name string) ([]byte, error) {
	label := store.ServerSecretLabel(name)
	sealed, err := s.st.ServerSecret(ctx, name, func() ([]byte, error) {
		fresh, err := randomBytes32()
		if err != nil {
			return nil, err
		}
		return s.cfg.MasterKey.Seal(label, fresh), nil
	})
	if err != nil {
		return nil, err
	}
	return s.cfg.MasterKey.Open(label, sealed)
}
