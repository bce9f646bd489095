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

	"sesame/docs/gateways"
)

// nginxBenchConf is one nginx with three servers in front of the same bare handler:
// one proxies, the other two first ask Sésame's gateway endpoint, over its Unix
// socket (what docs/gateways/nginx.conf recommends on the same host) and over TCP
// (a Sésame on another host). The auth_request part is docs/gateways/nginx.conf's:
// the sub-request location and the protect snippet are read from that file (package
// gateways); keep-alive connections to Sésame and to the protected API, and the
// same worker settings for all servers, are as it says (TestBenchConfIsTheDocumented).
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
  upstream sesame     { server unix:{{.SesameUnix}}; keepalive 32; }
  upstream sesame_tcp { server {{.Sesame}}; keepalive 32; }
  upstream app        { server {{.App}}; keepalive 32; }
  server {
    listen {{.Plain}};
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }
  }
{{- range .AuthServers}}
  server {
    listen {{.Listen}};
    location = /_sesame {
{{$.Sub}}      proxy_pass http://{{.Upstream}}/v1/gateway;
    }
    location / {
      set $sesame_service loop-apikey;
{{$.Protect}}      proxy_pass http://app;
    }
  }
{{- end}}
}
`

// benchConf is what nginxBenchConf needs: the nginx folder, the addresses of
// Sésame (TCP and Unix socket) and of the bare handler, and those nginx listens on.
type benchConf struct {
	Dir, Sesame, SesameUnix, App string
	Plain, Auth, AuthTCP         string
}

// authServer is one of the bench's auth_request servers: where it listens and the
// upstream its sub-requests go to.
type authServer struct{ Listen, Upstream string }

// render is the nginx configuration, with the documented blocks in it.
func (c benchConf) render() (string, error) {
	blocks := gateways.Nginx()
	var conf bytes.Buffer
	err := template.Must(template.New("nginx").Parse(nginxBenchConf)).Execute(&conf, struct {
		benchConf
		AuthServers  []authServer
		Sub, Protect string
	}{c, []authServer{{c.Auth, "sesame"}, {c.AuthTCP, "sesame_tcp"}},
		blocks.Subrequest.Text("      "), blocks.Protect.Text("      ")})
	return conf.String(), err
}

// nginxFront is a running nginx in front of the target.
type nginxFront struct {
	plainAddr, authAddr, authTCPAddr string
	pid                              int // the master's
	stop                             func()
}

// startNginx runs nginx (from PATH or /usr/sbin) in a temporary folder, on two free
// loopback ports, in front of the target's server and bare handler.
func startNginx(tgt *target) (*nginxFront, error) {
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
	plain, auth, authTCP := freeAddr(), freeAddr(), freeAddr()
	if plain == "" || auth == "" || authTCP == "" {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("no free loopback port")
	}
	conf, err := benchConf{Dir: dir, Sesame: tgt.addr, SesameUnix: tgt.unixPath, App: tgt.bareAddr,
		Plain: plain, Auth: auth, AuthTCP: authTCP}.render()
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
		for _, a := range []string{plain, auth, authTCP} {
			if c, err := net.Dial("tcp", a); err == nil {
				c.Close()
				up++
			}
		}
		if up == 3 {
			return &nginxFront{plainAddr: plain, authAddr: auth, authTCPAddr: authTCP, pid: cmd.Process.Pid, stop: stop}, nil
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
