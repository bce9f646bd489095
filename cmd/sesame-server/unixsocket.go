package main

import (
	"errors"
	"io/fs"
	"net"
	"os"

	"sesame/service/msg"
)

// unixSocketMode lets the server's user and group connect, nobody else: a gateway on
// the same host (nginx's user) joins the server's group to reach it.
const unixSocketMode = 0o660

// listenUnix listens on a Unix socket at path with unixSocketMode, first removing a
// socket left by a server that did not stop cleanly; any other file there is an error,
// never removed. Closing the listener removes the socket.
func listenUnix(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&fs.ModeSocket == 0 {
			return nil, errors.New(msg.T("cli.fichier_existe_socket_choisissez_autre", nil))
		}
		if c, err := net.Dial("unix", path); err == nil {
			c.Close()
			return nil, errors.New(msg.T("cli.autre_serveur_ecoute_deja", nil))
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, unixSocketMode); err != nil {
		ln.Close()
		return nil, err
	}
	return ln, nil
}
