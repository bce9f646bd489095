package gateway_test

import (
	"bytes"
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

	"sesame/test/gateway/nginxconf"
)

// nginxConf is the configuration under test: the one docs/gateways/nginx.conf
// shows, with the test's ports and a private prefix, run in the foreground as one
// process so that it needs no root path and no user switch. The sub-request
// location and the protect snippet are the documented files themselves
// (docs/gateways/sesame-auth.conf and sesame-protect.conf, package nginxconf).
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
    {{.Auth}}

    location /loop/ {
      set $sesame_service loop-apikey;
      {{.Protect}}
      proxy_pass http://app;
    }
    location /depot/ {
      set $sesame_service depot-documents;
      {{.Protect}}
      proxy_pass http://app;
    }
    # A location whose operator forgot to name the service.
    location /oubli/ {
      set $sesame_service "";
      {{.Protect}}
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
	inc, err := nginxconf.Include()
	if err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("nginx").Parse(nginxConf))
	// A port found free may be taken before nginx binds it: try a few.
	for attempt := 0; attempt < 5; attempt++ {
		listen := freePort(t)
		var conf bytes.Buffer
		if err := tpl.Execute(&conf, map[string]string{"Dir": dir, "Sesame": sesame, "App": app, "Listen": listen,
			"Auth": inc.Auth, "Protect": inc.Protect}); err != nil {
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
	status, _, body := n.request(t, path, extra, apikeys...)
	return status, body
}

// request sends a GET through nginx with the extra headers and the x-apikey values,
// and returns the answer's status, headers and body.
func (n *nginx) request(t *testing.T, path string, extra http.Header, apikeys ...string) (int, http.Header, string) {
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
	return resp.StatusCode, resp.Header, b.String()
}
