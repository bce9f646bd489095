package gateway_test

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"

	"sesame/docs/gateways"
)

// nginxConf is the configuration under test: the one docs/gateways/nginx.conf
// shows, with the test's ports and a private prefix, run in the foreground as one
// process so that it needs no root path and no user switch. The sub-request
// location (GET, no body, the original headers with x-apikey among them, the
// service the protected location set, the original URI for the server's log) and
// protect.conf are read from the documented file (package gateways).
const nginxConf = `daemon off;
master_process off;
worker_processes 1;
pid {{.Dir}}/nginx.pid;
error_log {{.Dir}}/error.log info;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path {{.Dir}}/tmp/body;
  proxy_temp_path {{.Dir}}/tmp/proxy;
  fastcgi_temp_path {{.Dir}}/tmp/fastcgi;
  uwsgi_temp_path {{.Dir}}/tmp/uwsgi;
  scgi_temp_path {{.Dir}}/tmp/scgi;

  upstream sesame { server {{.Sesame}}; keepalive 32; }
  upstream app    { server {{.App}};    keepalive 32; }

  server {
    listen {{.Listen}};

    location = /_sesame {
{{.Sub}}      proxy_pass http://sesame/v1/gateway;
    }

    location /loop/ {
      set $sesame_service loop-apikey;
      include {{.Dir}}/protect.conf;
      proxy_pass http://app;
    }
    location /depot/ {
      set $sesame_service depot-documents;
      include {{.Dir}}/protect.conf;
      proxy_pass http://app;
    }
    # A location whose operator forgot to name the service.
    location /oubli/ {
      set $sesame_service "";
      include {{.Dir}}/protect.conf;
      proxy_pass http://app;
    }
  }
}
`

// nginx is a running nginx, stopped when the test ends.
type nginx struct {
	URL string
	dir string
}

// findNginx returns the nginx binary; scripts/deps test installs it.
func findNginx(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatal("nginx is missing: run scripts/deps test (make test does), which installs the Debian package nginx-light")
	return ""
}

// freePort returns a loopback address that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startNginx runs nginx in front of sesame (host:port or unix:PATH) and app (host:port) on a random
// loopback port, with its configuration, logs and temporary files in a folder of
// the test.
func startNginx(t *testing.T, sesame, app string) *nginx {
	t.Helper()
	bin := findNginx(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	blocks := gateways.Nginx()
	if err := os.WriteFile(filepath.Join(dir, "protect.conf"), []byte(blocks.Protect.Text("")), 0o600); err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("nginx").Parse(nginxConf))
	// A port found free may be taken before nginx binds it: try a few.
	for attempt := 0; attempt < 5; attempt++ {
		listen := freePort(t)
		var conf bytes.Buffer
		if err := tpl.Execute(&conf, map[string]string{"Dir": dir, "Sesame": sesame, "App": app, "Listen": listen,
			"Sub": blocks.Subrequest.Text("      ")}); err != nil {
			t.Fatal(err)
		}
		confPath := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(confPath, conf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		cmd := exec.Command(bin, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "error.log"))
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("nginx: %v", err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		if waitListening(listen, exited) {
			t.Cleanup(func() {
				_ = cmd.Process.Signal(syscall.SIGQUIT)
				select {
				case <-exited:
				case <-time.After(10 * time.Second):
					_ = cmd.Process.Kill()
					<-exited
				}
			})
			return &nginx{URL: "http://" + listen, dir: dir}
		}
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
			<-exited
		}
		log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		if !strings.Contains(string(log)+out.String(), "Address already in use") {
			t.Fatalf("nginx did not start:\n%s\n%s", out.String(), log)
		}
	}
	t.Fatal("nginx: no free port after 5 attempts")
	return nil
}

// waitListening waits until addr accepts connections, or the process exits.
func waitListening(addr string, exited chan error) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err // for the caller's own wait
			return false
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			_ = c.Close()
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// errorLog returns what nginx logged.
func (n *nginx) errorLog() string {
	b, _ := os.ReadFile(filepath.Join(n.dir, "error.log"))
	return string(b)
}

// get sends a request through nginx with the given x-apikey values.
func (n *nginx) get(t *testing.T, path string, apikeys ...string) (int, string) {
	t.Helper()
	return n.getWith(t, path, nil, apikeys...)
}

func (n *nginx) getWith(t *testing.T, path string, extra http.Header, apikeys ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", n.URL+path, nil)
	for k, vs := range extra {
		req.Header[k] = vs
	}
	for _, k := range apikeys {
		req.Header.Add("x-apikey", k)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s through nginx: %v", path, err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, fmt.Sprint(b.String())
}
