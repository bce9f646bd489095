// Package gateways holds the sample gateway configurations a firm is told to use
// (nginx, Caddy, Traefik, Envoy) and gives Go code the nginx blocks of
// docs/gateways/nginx.conf, read from that very file: the gateway test
// (test/gateway) and the bench (cmd/sesame-load -nginx) build their nginx
// configurations from it, so what is tested and measured is what is documented.
package gateways

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed nginx.conf
var nginxConf string

// Directives are nginx directives, one per element, each ending in ";", as the
// documented file writes them, without comments.
type Directives []string

// Text is the directives one per line, each line starting with indent and ending
// with a newline, ready to go inside an nginx block or into an included file.
func (d Directives) Text(indent string) string {
	var b strings.Builder
	for _, l := range d {
		b.WriteString(indent + l + "\n")
	}
	return b.String()
}

// NginxBlocks are the two parts of docs/gateways/nginx.conf that every nginx in
// front of Sésame repeats.
type NginxBlocks struct {
	// Subrequest is the body of the "location = /_sesame" sub-request location,
	// without its proxy_pass: each configuration names its own Sésame upstream.
	Subrequest Directives
	// Protect is the snippets/sesame-protect.conf snippet, uncommented: what every
	// protected location includes before its own proxy_pass.
	Protect Directives
}

// The markers ParseNginx looks for.
const (
	subrequestStart = "location = /_sesame {"
	protectStart    = "# --- snippets/sesame-protect.conf"
)

// nginxBlocks is the embedded file's blocks, parsed when the package is loaded.
var nginxBlocks = mustParse(nginxConf)

// mustParse is ParseNginx that panics: a documented file whose blocks cannot be
// found stops any program or test that imports the package, at once.
func mustParse(conf string) NginxBlocks {
	b, err := ParseNginx(conf)
	if err != nil {
		panic("docs/gateways/nginx.conf: " + err.Error())
	}
	return b
}

// Nginx returns the blocks of docs/gateways/nginx.conf (a copy the caller may
// change). The file is read when the package is loaded, which panics if its layout
// changed so that a block cannot be found.
func Nginx() NginxBlocks {
	return NginxBlocks{
		Subrequest: append(Directives(nil), nginxBlocks.Subrequest...),
		Protect:    append(Directives(nil), nginxBlocks.Protect...),
	}
}

// ParseNginx finds the blocks in a file laid out as docs/gateways/nginx.conf: the
// lines between "location = /_sesame {" and the next "}" (with exactly one
// proxy_pass, left out), and the "# "-commented lines after the
// "# --- snippets/sesame-protect.conf" heading ("# #" lines are the snippet's own
// comments). It fails if a block is missing or empty, or if one of its lines is not
// a single directive ending in ";".
func ParseNginx(conf string) (NginxBlocks, error) {
	lines := strings.Split(conf, "\n")
	sub, err := subrequest(lines)
	if err != nil {
		return NginxBlocks{}, err
	}
	protect, err := protectSnippet(lines)
	if err != nil {
		return NginxBlocks{}, err
	}
	return NginxBlocks{Subrequest: sub, Protect: protect}, nil
}

// subrequest is the sub-request location's directives but its proxy_pass.
func subrequest(lines []string) (Directives, error) {
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == subrequestStart {
			if start >= 0 {
				return nil, fmt.Errorf("%q appears twice", subrequestStart)
			}
			start = i
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("no line %q", subrequestStart)
	}
	var d Directives
	passes := 0
	for _, l := range lines[start+1:] {
		line := strings.TrimSpace(l)
		if line == "}" {
			if passes != 1 {
				return nil, fmt.Errorf("the %q block has %d proxy_pass, not one", subrequestStart, passes)
			}
			return nonEmpty(d, subrequestStart)
		}
		dir, err := directive(line)
		if err != nil {
			return nil, fmt.Errorf("in the %q block: %w", subrequestStart, err)
		}
		switch {
		case dir == "":
		case strings.HasPrefix(dir, "proxy_pass "):
			passes++
		default:
			d = append(d, dir)
		}
	}
	return nil, fmt.Errorf("the %q block has no closing \"}\" line", subrequestStart)
}

// protectSnippet is the commented snippet's directives, uncommented.
func protectSnippet(lines []string) (Directives, error) {
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), protectStart) {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("no line starting with %q", protectStart)
	}
	var d Directives
	for _, l := range lines[start+1:] {
		line := strings.TrimSpace(l)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "#") {
			break // the snippet ends where the comment does
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		dir, err := directive(line)
		if err != nil {
			return nil, fmt.Errorf("in the snippet after %q: %w", protectStart, err)
		}
		if dir != "" {
			d = append(d, dir)
		}
	}
	return nonEmpty(d, protectStart)
}

// directive is a trimmed line without its comment: "" for a blank or comment-only
// line, an error unless what is left is one directive ending in ";".
func directive(line string) (string, error) {
	quoted := false
	for i, r := range line {
		if r == '"' {
			quoted = !quoted
		}
		if r == '#' && !quoted {
			line = line[:i]
			break
		}
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return "", nil
	}
	if !strings.HasSuffix(line, ";") || strings.Count(line, ";") != 1 || strings.ContainsAny(line, "{}") {
		return "", fmt.Errorf("%q is not one directive ending in \";\"", line)
	}
	return line, nil
}

// nonEmpty fails for a block that held no directive.
func nonEmpty(d Directives, block string) (Directives, error) {
	if len(d) == 0 {
		return nil, fmt.Errorf("the block at %q holds no directive", block)
	}
	return d, nil
}
