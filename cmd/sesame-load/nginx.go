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
)

// nginxBenchConf is one nginx with three servers in front of the same bare handler:
// one proxies, the other two first ask Sésame's gateway endpoint, over its Unix
// socket (what docs/gateways/nginx.conf recommends on the same host) and over TCP
// (a Sésame on another host). The auth_request part is docs/gateways/nginx.conf's,
// directive for directive (TestBenchConfIsTheDocumented pins it): the sub-request
// location, the protect snippet, keep-alive connections to Sésame and to the
// protected API, and the same worker settings for all servers.
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
  server {
    listen {{.Auth}};
    location = /_sesame {
      internal;
      proxy_pass http://sesame/v1/gateway;
{{template "sub"}}
    }
{{template "protect"}}
  }
  server {
    listen {{.AuthTCP}};
    location = /_sesame {
      internal;
      proxy_pass http://sesame_tcp/v1/gateway;
{{template "sub"}}
    }
{{template "protect"}}
  }
}
{{define "sub"}}      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Sesame-Service $sesame_service;
      proxy_set_header X-Original-URI $request_uri;
      proxy_http_version 1.1;
      proxy_set_header Connection "";{{end}}
{{define "protect"}}    location / {
      set $sesame_service loop-apikey;
      auth_request /_sesame;
      auth_request_set $sesame_key   $upstream_http_x_sesame_key;
      auth_request_set $sesame_tiers $upstream_http_x_sesame_tiers;
      auth_request_set $sesame_svc   $upstream_http_x_sesame_service;
      auth_request_set $sesame_name  $upstream_http_x_sesame_key_name;
      proxy_set_header X-Sesame-Key      $sesame_key;
      proxy_set_header X-Sesame-Tiers    $sesame_tiers;
      proxy_set_header X-Sesame-Service  $sesame_svc;
      proxy_set_header X-Sesame-Key-Name $sesame_name;
      proxy_set_header x-apikey "";
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }{{end}}
`

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
	var conf bytes.Buffer
	err = template.Must(template.New("nginx").Parse(nginxBenchConf)).Execute(&conf,
		map[string]string{"Dir": dir, "Sesame": tgt.addr, "SesameUnix": tgt.unixPath, "App": tgt.bareAddr,
			"Plain": plain, "Auth": auth, "AuthTCP": authTCP})
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "nginx.conf"), conf.Bytes(), 0o600)
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
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
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
