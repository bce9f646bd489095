package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"text/template"
	"time"

	"sesame/test/gateway/nginxconf"
)

// nginxBenchConf is an nginx in front of the bare handler with an auth_request
// server whose sub-requests go to the upstream "sesame" (Sésame, or the fixed 204
// that is their floor), and, when Plain is set, a server that proxies alone. The
// auth_request part is the documented snippets themselves (docs/gateways, package
// nginxconf); keep-alive connections to both upstreams, and Debian's worker
// setting, are as docs/gateways/nginx.conf says (TestBenchConfIsTheDocumented).
const nginxBenchConf = `daemon off;
worker_processes auto;
pid {{.Dir}}/nginx.pid;
error_log {{.Dir}}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {{.Dir}}/body;
  proxy_temp_path {{.Dir}}/proxy;
  fastcgi_temp_path {{.Dir}}/fastcgi;
  uwsgi_temp_path {{.Dir}}/uwsgi;
  scgi_temp_path {{.Dir}}/scgi;
  upstream sesame { server {{.Sesame}}; keepalive 32; }
  upstream app    { server {{.App}}; keepalive 32; }
{{- if .Plain}}
  server {
    listen {{.Plain}};
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }
  }
{{- end}}
  server {
    listen {{.Auth}};
    {{.Include.Auth}}
    location / {
      set $sesame_service loop-apikey;
      {{.Include.Protect}}
      proxy_pass http://app;
    }
  }
}
`

// benchConf is what nginxBenchConf needs: the nginx folder, the sub-requests'
// upstream ("unix:PATH") and the bare handler's address, and the addresses nginx
// listens on (Plain: none when empty).
type benchConf struct {
	Dir, Sesame, App string
	Plain, Auth      string
}

// render is the nginx configuration, including the documented snippets.
func (c benchConf) render() (string, error) {
	inc, err := nginxconf.Include()
	if err != nil {
		return "", err
	}
	var conf bytes.Buffer
	err = template.Must(template.New("nginx").Parse(nginxBenchConf)).Execute(&conf, struct {
		benchConf
		Include nginxconf.Includes
	}{c, inc})
	return conf.String(), err
}

// nginxFront is a running nginx in front of the bare handler.
type nginxFront struct {
	plainAddr, authAddr string
	pid                 int // the master's
	stop                func()
}

// startNginx runs nginx (from PATH or /usr/sbin) in a temporary folder, on free
// loopback ports: its sub-requests go to authUpstream ("unix:PATH"), its requests to
// app; with plain, it also proxies alone on a port of its own.
func startNginx(authUpstream, app string, plain bool) (*nginxFront, error) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
		if _, serr := os.Stat(bin); serr != nil {
			return nil, fmt.Errorf("nginx not found (scripts/deps test installs nginx-light)")
		}
	}
	dir, err := os.MkdirTemp("", "sesame-load-nginx")
	if err != nil {
		return nil, err
	}
	c := benchConf{Dir: dir, Sesame: authUpstream, App: app, Auth: freeAddr()}
	addrs := []string{c.Auth}
	if plain {
		c.Plain = freeAddr()
		addrs = append(addrs, c.Plain)
	}
	for _, a := range addrs {
		if a == "" {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("no free loopback port")
		}
	}
	conf, err := c.render()
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log"))
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stop := func() {
		stopProcess(cmd, nil, syscall.SIGQUIT, 10*time.Second) // nginx's graceful stop
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		up := 0
		for _, a := range addrs {
			if c, err := net.Dial("tcp", a); err == nil {
				c.Close()
				up++
			}
		}
		if up == len(addrs) {
			return &nginxFront{plainAddr: c.Plain, authAddr: c.Auth, pid: cmd.Process.Pid, stop: stop}, nil
		}
	}
	log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
	stop()
	return nil, fmt.Errorf("nginx did not start: %s", log)
}

// freeAddr returns a loopback address that was free a moment ago.
func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return ""
	}
	defer ln.Close()
	return ln.Addr().String()
}

// nginxRequest is a GET through nginx with the key.
func nginxRequest(addr, apikey string) []byte {
	return []byte("GET /api/clients/42 HTTP/1.1\r\nHost: " + addr + "\r\nx-apikey: " + apikey + "\r\n\r\n")
}
