package masterkey

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
)

// EnvFile names the environment variable that may name the key file instead of
// --master-key-file.
const EnvFile = "SESAME_MASTER_KEY_FILE"

// Create writes a new key to a new file readable by its owner only (0600) and returns
// the key. It never overwrites a file: an existing key may be the only one that opens
// a database.
func Create(path string) (*Key, error) {
	raw := make([]byte, keyLen)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	k, err := fromRaw(raw)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(encode(raw)); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, err
	}
	return k, f.Close()
}

// ErrFileOpen is a key file that others than its owner may read.
var ErrFileOpen = errors.New("master key file readable by others")

// Load reads a key file. On Unix it refuses a file that its group or others may read
// or write, as ssh does with private keys.
func Load(path string) (*Key, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%w (mode %04o): chmod 600 %s", ErrFileOpen, fi.Mode().Perm(), path)
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "load", Path: path, Err: errors.New("not a regular file")}
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(content)
}
