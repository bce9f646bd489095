# Sésame — build, test and release entry points.
#
#   make run           install what is missing (Debian/Ubuntu) and start the app
#   make test          everything CI checks (.ci/run); non-zero if anything fails
#   make bench         store listing, key generation, cold start and memory budgets
#   make screenshots   docs/*.png of the app's windows, under Xvfb
#   make windows       dist/Sésame.exe (mingw-w64) and dist/Sesame.msi; signed if SIGN_* set
#   make darwin        dist/Sésame.app — on a Mac only (explains why elsewhere)
#   make server        dist/sesame-server-* for linux/amd64, windows/amd64, darwin/arm64
#   make deps          the Debian packages of all of the above
#   make clean         remove build outputs
#
# Scripts do the work (scripts/, bench/); this file only orders them.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# The steps share one machine (apt, Xvfb, the Go cache): one at a time, even with -j.
.NOTPARALLEL:

GO ?= go
FYNE_TOOLS_VERSION := v1.7.4
GOBIN_DIR := $(shell $(GO) env GOBIN 2>/dev/null)
ifeq ($(GOBIN_DIR),)
GOBIN_DIR := $(shell $(GO) env GOPATH 2>/dev/null)/bin
endif
FYNE := $(GOBIN_DIR)/fyne
export FYNE

# The Go files to format-check: ours, not build outputs or scratch space.
GO_FILES = $$(find . -name '*.go' -not -path './.git/*' -not -path './dist/*' -not -path './tmp/*')
SERVER_TARGETS := linux/amd64 windows/amd64 darwin/arm64

.PHONY: help run test bench screenshots windows darwin server deps clean \
	deps-gui deps-test deps-windows fyne-tool test-signing check-format vet windows-compile

help:
	@sed -n '3,12p' Makefile | sed 's/^# \{0,1\}//'

deps:
	scripts/deps all
deps-gui:
	@scripts/deps gui
deps-test:
	@scripts/deps test
deps-windows:
	@scripts/deps windows

run: deps-gui
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are empty); run it in a desktop session," >&2; \
		echo "          or see the app under Xvfb with: make screenshots" >&2; exit 1; fi
	$(GO) run .

# --- test: what CI runs (.ci/run), in this order, stopping at the first failure ------
test: deps-test fyne-tool check-format vet windows-compile test-signing
	scripts/with-test-services $(GO) test ./... -count=1 -timeout 30m
	@echo "== fuzz: the whole HTTP handler on SQLite and PostgreSQL, 20,000 inputs (the seed corpus ran above)"
	@# A count, not a duration: with -fuzztime 20s, Go 1.26's fuzz coordinator can report
	@# its own deadline as a failure when a loaded machine starves a worker (golang/go#75804).
	scripts/with-test-services $(GO) test ./service/httpserver -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime 20000x -parallel 2

check-format:
	@echo "== gofmt"
	@out=$$(gofmt -l $(GO_FILES)); \
	if [ -n "$$out" ]; then echo "gofmt: these files need 'gofmt -w':"; echo "$$out"; exit 1; fi

vet:
	@echo "== go vet"
	$(GO) vet ./...

# Issue 5: the packages without cgo must build for Windows; the full Windows GUI build
# (make windows) takes minutes and is not part of the test run.
windows-compile:
	@echo "== GOOS=windows CGO_ENABLED=0 go build ./service/... ./internal/... ./cmd/..."
	@pkgs=(./service/... ./internal/...); \
	if [ -n "$$(GOOS=windows $(GO) list ./cmd/... 2>/dev/null)" ]; then pkgs+=(./cmd/...); \
	else echo "   (no packages under ./cmd yet)"; fi; \
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build "$${pkgs[@]}"

test-signing:
	@echo "== scripts/test-signing"
	@scripts/test-signing >/dev/null

# --- measurements and pictures --------------------------------------------------------
# Every benchmark runs even if one misses its budget; the status says if any did.
bench: deps-test
	@status=0; \
	echo "== bench/store (listing: SQLite 100,000 keys, PostgreSQL 1,000,000 keys)"; \
	bench/store all || status=1; \
	echo "== bench/audit (journal: 1,000,000 events on SQLite and PostgreSQL)"; \
	bench/audit all || status=1; \
	echo "== sesame-server import: 100,000 keys and 300,000 journal events into PostgreSQL (budget 60 s)"; \
	scripts/with-test-services $(GO) test ./bench/importbench -count=1 -run '^$$' -bench . -benchtime 1x | \
		tee /dev/stderr | awk '/^BenchmarkImportIntoPostgres/ { for (i = 3; i < NF; i++) if ($$(i + 1) == "s/import") s = $$i; found = 1; \
		printf "   %.1f s per import: %s\n", s, (s <= 60 ? "OK" : "OVER BUDGET"); if (s > 60) exit 1 } \
		END { if (!found) exit 1 }' || status=1; \
	echo "== key generation (service/local)"; \
	$(GO) test ./service/local -count=1 -run '^$$' -bench . -benchmem || status=1; \
	echo "== catalogue → keys page → Générer → dialog, on a loopback server (budget 300 ms)"; \
	scripts/with-test-services $(GO) test ./gui -count=1 -run '^$$' -bench '^BenchmarkGenerateDialogOnServer$$' -benchtime 10x | \
		tee /dev/stderr | awk '/^BenchmarkGenerateDialogOnServer/ { ms = $$3 / 1e6; found = 1; \
		printf "   %.1f ms per run: %s\n", ms, (ms <= 300 ? "OK" : "OVER BUDGET"); if (ms > 300) exit 1 } \
		END { if (!found) exit 1 }' || status=1; \
	echo "== secret scan against grep -rE over the same 100 MB trees, text and mixed (budget 2×)"; \
	$(GO) test ./bench/scanbench -count=1 -run '^$$' -bench . -benchtime 1x || status=1; \
	echo "== a signed leak report of 100 secrets, beside a POST /v1/verify (budget 200 ms per report)"; \
	$(GO) test ./service/httpserver -count=1 -run '^$$' -bench '^BenchmarkLeakReport100$$' -benchtime 50x | \
		tee /dev/stderr | awk '/^BenchmarkLeakReport100\/report-100/ { ms = $$3 / 1e6; found = 1; \
		printf "   %.1f ms per report: %s\n", ms, (ms <= 200 ? "OK" : "OVER BUDGET"); if (ms > 200) exit 1 } \
		END { if (!found) exit 1 }' || status=1; \
	echo "== the pickup page of a handed-over key, 8 clients at once, time to first byte (budget 50 ms at the 95th percentile)"; \
	$(GO) test ./service/httpserver -count=1 -run '^$$' -bench '^BenchmarkPickupPage$$' -benchtime 400x | \
		tee /dev/stderr | awk '/^BenchmarkPickupPage/ { for (i = 1; i < NF; i++) if ($$(i+1) == "ms-p95-ttfb") ms = $$i; found = 1; \
		printf "   %.1f ms to the first byte (95th percentile): %s\n", ms, (ms <= 50 ? "OK" : "OVER BUDGET"); if (ms > 50) exit 1 } \
		END { if (!found) exit 1 }' || status=1; \
	echo "== POST /v1/verify: a key with 10 allowed ranges and a rate limit against one without, SQLite and PostgreSQL (budget 5 %)"; \
	scripts/with-test-services $(GO) test ./service/httpserver -count=1 -run '^$$' -bench '^BenchmarkVerifyRestricted$$' -benchtime 50000x | \
		tee /dev/stderr | awk '/^BenchmarkVerifyRestricted/ { for (i = 1; i < NF; i++) if ($$(i+1) == "restricted/plain") r = $$i; found++; \
		printf "   %s: restricted/plain %.3f: %s\n", $$1, r, (r <= 1.05 ? "OK" : "OVER BUDGET"); if (r > 1.05) bad = 1 } \
		END { if (found < 2 || bad) exit 1 }' || status=1; \
	echo "== bench/coldstart (cold start and memory against a minimal Fyne window)"; \
	bench/coldstart || status=1; \
	echo "== verify, gateway and client_credentials against bare net/http, SQLite (cmd/sesame-load, c=32)"; \
	$(GO) run ./cmd/sesame-load -c 32 -d 5s || status=1; \
	echo "== the same on PostgreSQL (the test services' empty database)"; \
	scripts/with-test-services sh -c '$(GO) run ./cmd/sesame-load -db "$$SESAME_TEST_POSTGRES" -c 32 -d 5s' || status=1; \
	echo "== nginx auth_request to Sésame against the same to a fixed 204, and nginx proxying alone (cmd/sesame-load -nginx, c=32)"; \
	$(GO) run ./cmd/sesame-load -nginx -c 32 -d 5s || status=1; \
	echo "== the same, Sésame as a sesame-server process of its own, as deployed (-server)"; \
	$(GO) build -o .bench-sesame-server ./cmd/sesame-server && \
		$(GO) run ./cmd/sesame-load -nginx -server ./.bench-sesame-server -c 32 -d 5s || status=1; \
	rm -f .bench-sesame-server; \
	exit $$status

# Under the test services for their D-Bus session and keyring: server mode (picture 07)
# looks for its session in the keychain.
screenshots: deps-test
	scripts/with-test-services scripts/screenshots "$(CURDIR)/docs"

# --- release ----------------------------------------------------------------------------
fyne-tool:
	@have=$$("$(FYNE)" version 2>/dev/null || true); \
	if [[ "$$have" != *"cli version: $(FYNE_TOOLS_VERSION)"* ]]; then \
		echo "installing fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)"; \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); \
	fi

windows: deps-windows fyne-tool
	scripts/package windows

darwin: fyne-tool
	scripts/package darwin

server:
	@test -d cmd/sesame-server || { echo "make server: cmd/sesame-server does not exist yet" >&2; exit 1; }
	@mkdir -p dist
	@for t in $(SERVER_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
		out=dist/sesame-server-$$os-$$arch$$ext; \
		echo "== $$out"; \
		GOOS=$$os GOARCH=$$arch CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -o "$$out" ./cmd/sesame-server; \
	done
	@ls -l dist/sesame-server-*

clean:
	rm -rf dist sesame sesame-server
